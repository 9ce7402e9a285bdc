//! Talking to the host page: the `postMessage` bridge of a framed app, and
//! DOM events on the host element of an in-page app. The message format is
//! [`locator_core::EmbedEvent`] and [`locator_core::HostCommand`] (version 2,
//! documented in the README).
//!
//! A framed app sends its events only to its parent, and only when the
//! parent's origin is in `embed.parent_origins` of the configuration; it
//! obeys commands only from those origins. An in-page app shares its page
//! with the host, so it trusts it: events are `evl:event` CustomEvents on the
//! host element, commands come as `evl:command` CustomEvents sent to it. It
//! talks to nobody else, even when the host page is itself framed (as the
//! studio's preview is): that frame's parent is the host page's business.

use crate::url::console_warn;
use locator_core::{AppConfig, EmbedEvent, HostCommand, MessageError};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Where events go.
#[derive(Clone, Default)]
pub struct Bridge {
    /// The framing parent and its origin, when that origin is allowed.
    parent: Option<(web_sys::Window, String)>,
    /// The host element of an in-page app.
    host: Option<web_sys::HtmlElement>,
}

/// The window framing this one, if any.
fn framing_parent() -> Option<web_sys::Window> {
    let window = web_sys::window()?;
    let parent = window.parent().ok().flatten()?;
    (!js_sys::Object::is(&parent, &window)).then_some(parent)
}

/// The origin of the framing page: `location.ancestorOrigins[0]` where the
/// browser has it, else the origin of `document.referrer`.
fn parent_origin() -> Option<String> {
    let window = web_sys::window()?;
    let ancestors = js_sys::Reflect::get(&window.location(), &"ancestorOrigins".into()).ok();
    let first = ancestors
        .filter(|a| !a.is_undefined() && !a.is_null())
        .and_then(|a| js_sys::Reflect::get(&a, &0.into()).ok())
        .and_then(|v| v.as_string());
    first.or_else(|| {
        let referrer = window.document()?.referrer();
        web_sys::Url::new(&referrer).ok().map(|u| u.origin())
    })
}

impl Bridge {
    /// The bridge for this page: to an allowed framing parent, or to the
    /// in-page host element.
    pub fn new(config: &AppConfig, host: Option<web_sys::HtmlElement>) -> Bridge {
        let parent = host.is_none().then(framing_parent).flatten().and_then(|p| {
            let origin = parent_origin()?;
            if config.allows_parent(&origin) {
                Some((p, origin))
            } else {
                console_warn(&format!(
                    "ev-locator: framed by {origin}, which is not in embed.parent_origins of config.json: \
                     no events are sent to it and its commands are refused"
                ));
                None
            }
        });
        Bridge { parent, host }
    }

    /// Whether anyone hears the events.
    pub fn is_connected(&self) -> bool {
        self.parent.is_some() || self.host.is_some()
    }

    /// Tells the host page about `event`.
    pub fn send(&self, event: &EmbedEvent) {
        let Ok(data) = js_sys::JSON::parse(&event.to_json()) else {
            return;
        };
        if let Some((parent, origin)) = &self.parent {
            let _ = parent.post_message(&data, origin);
        }
        if let Some(host) = &self.host {
            let init = web_sys::CustomEventInit::new();
            init.set_detail(&data);
            init.set_bubbles(true);
            if let Ok(e) = web_sys::CustomEvent::new_with_event_init_dict("evl:event", &init) {
                let _ = host.dispatch_event(&e);
            }
        }
    }

    /// Listens for the host page's commands and runs `on_command` for each
    /// one that comes from an allowed origin and can be read. The listener
    /// lives as long as the page.
    pub fn listen(&self, config: &AppConfig, on_command: impl Fn(HostCommand) + 'static) {
        let on_command = std::rc::Rc::new(on_command);
        let reply = self.clone();
        let config = config.clone();
        // (A framed app listens even to a parent it sends nothing to, to say what it refused.)
        if self.host.is_none() && framing_parent().is_some() {
            let run = on_command.clone();
            let reply = reply.clone();
            let handler = Closure::<dyn Fn(web_sys::MessageEvent)>::new(
                move |e: web_sys::MessageEvent| {
                    let origin = e.origin();
                    let Some(text) = message_text(&e.data()) else {
                        return;
                    };
                    let command = HostCommand::parse(&text);
                    if command == Err(MessageError::Foreign) {
                        return;
                    }
                    if !config.allows_parent(&origin) {
                        console_warn(&format!(
                        "ev-locator: a message from {origin} was refused: that origin is not in embed.parent_origins of config.json"
                    ));
                        return;
                    }
                    obey(command, &*run, &reply);
                },
            );
            if let Some(w) = web_sys::window() {
                let _ =
                    w.add_event_listener_with_callback("message", handler.as_ref().unchecked_ref());
            }
            handler.forget();
        }
        if let Some(host) = &self.host {
            let run = on_command.clone();
            let handler =
                Closure::<dyn Fn(web_sys::CustomEvent)>::new(move |e: web_sys::CustomEvent| {
                    let Some(text) = message_text(&e.detail()) else {
                        return;
                    };
                    obey(HostCommand::parse(&text), &*run, &reply);
                });
            let _ = host
                .add_event_listener_with_callback("evl:command", handler.as_ref().unchecked_ref());
            handler.forget();
        }
    }
}

/// A message's data as JSON text (objects are serialized; text is taken as
/// it is).
fn message_text(data: &JsValue) -> Option<String> {
    if let Some(s) = data.as_string() {
        return Some(s);
    }
    js_sys::JSON::stringify(data).ok()?.as_string()
}

fn obey(command: Result<HostCommand, MessageError>, run: &dyn Fn(HostCommand), reply: &Bridge) {
    match command {
        Ok(c) => run(c),
        Err(MessageError::Foreign) => {}
        Err(e) => {
            console_warn(&format!("ev-locator: a command was not obeyed: {e}"));
            reply.send(&EmbedEvent::Error {
                message: e.to_string(),
            });
        }
    }
}

/// Sends the app's height to the host whenever it changes, so the host can
/// size the frame. Only for a framed app with an allowed parent.
pub fn report_height(bridge: &Bridge, root: &web_sys::Element) {
    if bridge.parent.is_none() {
        return;
    }
    let bridge = bridge.clone();
    let last = std::cell::Cell::new(0u32);
    let target = root.clone();
    let callback = Closure::<dyn Fn()>::new(move || {
        let height = target.get_bounding_client_rect().height().ceil().max(0.0) as u32;
        if height != last.get() {
            last.set(height);
            bridge.send(&EmbedEvent::Height { height_px: height });
        }
    });
    if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
        observer.observe(root);
        // The observer lives as long as the page.
        std::mem::forget(observer);
    }
    callback.forget();
}

thread_local! {
    static BRIDGE: std::cell::RefCell<Option<Bridge>> = const { std::cell::RefCell::new(None) };
}

/// Makes `bridge` the one [`emit`] uses.
pub fn install(bridge: Bridge) {
    BRIDGE.with(|b| *b.borrow_mut() = Some(bridge));
}

/// Tells the host page about `event`, if the app is embedded and connected.
pub fn emit(event: &EmbedEvent) {
    BRIDGE.with(|b| {
        if let Some(bridge) = b.borrow().as_ref() {
            if bridge.is_connected() {
                bridge.send(event);
            }
        }
    });
}
