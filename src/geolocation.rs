//! The buyer's position from the browser's Geolocation API, asked for only
//! when they press the button (never on load).

use futures_channel::oneshot;
use locator_core::{LatLng, LocateFailure};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// How long the browser may take, in milliseconds.
const TIMEOUT_MS: u32 = 10_000;

/// Asks the browser once for the device's position (WGS-84).
pub async fn current_position() -> Result<LatLng, LocateFailure> {
    let window = web_sys::window().ok_or(LocateFailure::Unsupported)?;
    if !window.is_secure_context() {
        return Err(LocateFailure::Insecure);
    }
    let geolocation = window
        .navigator()
        .geolocation()
        .map_err(|_| LocateFailure::Unsupported)?;
    let (send, receive) = oneshot::channel::<Result<LatLng, LocateFailure>>();
    let send = std::rc::Rc::new(std::cell::RefCell::new(Some(send)));
    let reply = {
        let send = send.clone();
        move |result| {
            if let Some(s) = send.borrow_mut().take() {
                let _ = s.send(result);
            }
        }
    };
    let ok_reply = reply.clone();
    let ok = Closure::once(move |position: web_sys::Position| {
        let c = position.coords();
        ok_reply(LatLng::new(c.latitude(), c.longitude()).map_err(|_| LocateFailure::Unavailable));
    });
    let err = Closure::once(move |error: web_sys::PositionError| {
        reply(Err(match error.code() {
            web_sys::PositionError::PERMISSION_DENIED => LocateFailure::Denied,
            web_sys::PositionError::TIMEOUT => LocateFailure::Timeout,
            _ => LocateFailure::Unavailable,
        }));
    });
    let options = web_sys::PositionOptions::new();
    options.set_timeout(TIMEOUT_MS);
    options.set_maximum_age(60_000);
    geolocation
        .get_current_position_with_error_callback_and_options(
            ok.as_ref().unchecked_ref(),
            Some(err.as_ref().unchecked_ref()),
            &options,
        )
        .map_err(|_| LocateFailure::Unsupported)?;
    let result = receive.await.unwrap_or(Err(LocateFailure::Unavailable));
    drop((ok, err));
    result
}
