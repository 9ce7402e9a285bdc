//! The booking form (`booking.form`): a modal dialog for one outlet and
//! service with name, mobile number, preferred date and consent, posted as
//! JSON to the brand's endpoint. The checks and the words are the core's
//! ([`Lead::check`], [`read_lead_answer`](locator_core::read_lead_answer));
//! this only wires them to the fields and the request.

use crate::load::Loaded;
use leptos::prelude::*;
use locator_core::{
    closed_days_hint, date_range, Bookable, BookingForm as FormConfig, Date, EmbedEvent,
    FieldProblem, Lang, Lead, LeadError, LeadField, LeadForm, LeadWords, Service, MAX_NAME_CHARS,
};
use std::sync::Arc;

/// Where the form is.
#[derive(Debug, Clone, PartialEq)]
enum Phase {
    /// Being filled in (again, after problems).
    Editing,
    /// The request is under way.
    Sending,
    /// The request failed: the fields are kept, sending again retries.
    Failed(LeadError),
    /// The endpoint took the booking: its reference.
    Done(String),
}

/// The booking dialog for the outlet at `index` and `service`; it opens when
/// mounted and calls `on_close` when the buyer closes it (Escape too).
#[component]
pub fn BookingForm(
    /// The dataset.
    loaded: Arc<Loaded>,
    /// Position of the outlet in the dataset.
    index: usize,
    /// What is booked.
    service: Service,
    /// The form's configuration.
    form: FormConfig,
    /// Today in the dataset's time zone.
    today: Date,
    /// The interface language.
    #[prop(into)]
    lang: Signal<Lang>,
    /// Called when the dialog has closed.
    on_close: Callback<()>,
) -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let on_screen = use_context::<crate::takeover::OnScreen>();
    Effect::new(move |_| {
        // Opened from the address, the form is made while the prerendered
        // view is still shown and the app hidden: it opens once the app is,
        // on the next frame (when the app's own `is-waiting` class is gone
        // too), since a field that is not displayed cannot take the focus.
        if on_screen.is_some_and(|s| !s.0.get()) {
            return;
        }
        if dialog.get().is_some() {
            request_animation_frame(move || {
                if let Some(d) = dialog.get_untracked() {
                    if !d.open() {
                        let _ = d.show_modal();
                        // The first field, not the dialog itself, takes the focus.
                        crate::components::focus("#evl-lead-name");
                    }
                }
            });
        }
    });
    let name = RwSignal::new(String::new());
    let mobile = RwSignal::new(String::new());
    let date = RwSignal::new(String::new());
    let consent = RwSignal::new(false);
    let problems = RwSignal::new(Vec::<FieldProblem>::new());
    let phase = RwSignal::new(Phase::Editing);
    // One key for every try of this booking: the endpoint tells a retry
    // (or a second click that got through) from a new booking by it.
    let key = StoredValue::new(idempotency_key());
    let (first, last) = date_range(today);
    let outlet = loaded.data.outlets[index].clone();
    let form = Arc::new(form);

    let close = move || {
        if let Some(d) = dialog.get_untracked() {
            d.close();
        }
    };
    let submit = {
        let outlet = outlet.clone();
        let form = form.clone();
        move || {
            if phase.get_untracked() == Phase::Sending {
                return;
            }
            let typed = LeadForm {
                name: name.get_untracked(),
                mobile: mobile.get_untracked(),
                date: date.get_untracked(),
                consent: consent.get_untracked(),
            };
            let lang = lang.get_untracked();
            match Lead::check(&typed, &outlet, service, today, lang) {
                Err(found) => {
                    let first_bad = found[0].field();
                    problems.set(found);
                    phase.set(Phase::Editing);
                    crate::components::focus(&format!("#evl-lead-{}", first_bad.id()));
                }
                Ok(lead) => {
                    problems.set(Vec::new());
                    phase.set(Phase::Sending);
                    let body = lead.to_json(&key.get_value());
                    let form = form.clone();
                    let id = outlet.id.clone();
                    leptos::task::spawn_local(async move {
                        let answer =
                            crate::load::post_lead(&form.endpoint, body, form.timeout_s).await;
                        match answer {
                            Ok(reference) => {
                                crate::embed::emit(&EmbedEvent::Booking {
                                    id,
                                    service: service.id(),
                                    via: "form",
                                });
                                phase.set(Phase::Done(reference));
                                crate::components::focus("#evl-booking-done");
                            }
                            Err(e) => phase.set(Phase::Failed(e)),
                        }
                    });
                }
            }
        }
    };

    let problem_of = move |field: LeadField| {
        problems.with(|ps| {
            ps.iter()
                .find(|p| p.field() == field)
                .map(|p| p.message(lang.get()))
        })
    };
    let field_class = move |field: LeadField| {
        if problem_of(field).is_some() {
            "evl-field is-invalid"
        } else {
            "evl-field"
        }
    };
    let problem_line = move |field: LeadField| {
        view! {
            <p class="evl-field-problem" id=format!("evl-lead-{}-problem", field.id())>
                {move || problem_of(field)}
            </p>
        }
    };
    let invalid = move |field: LeadField| move || problem_of(field).is_some().to_string();
    let consent_text = form.consent.clone();
    let privacy_url = form.privacy_url.clone();
    let heading = {
        let outlet = outlet.clone();
        move || {
            let lang = lang.get();
            format!(
                "{} · {}",
                Bookable::Service(service).action(lang),
                outlet.name.get(lang)
            )
        }
    };
    let date_hint = {
        let outlet = outlet.clone();
        move || closed_days_hint(&outlet, today, lang.get())
    };
    let address = move || outlet.address.get(lang.get()).to_string();

    view! {
        <dialog
            class="evl-booking-dialog"
            node_ref=dialog
            aria-labelledby="evl-booking-heading"
            data-booking=service.id()
            on:close=move |_| on_close.run(())
        >
            <h2 id="evl-booking-heading" class="evl-booking-heading">{heading}</h2>
            <p class="evl-card-meta">{address}</p>
            {move || match phase.get() {
                Phase::Done(reference) => {
                    let w = LeadWords::of(lang.get());
                    view! {
                        <div class="evl-booking-done" id="evl-booking-done" tabindex="-1" role="status">
                            <p>
                                {w.done} <strong class="evl-booking-reference">{reference}</strong>
                                {w.done_after}
                            </p>
                            <button type="button" class="evl-button" on:click=move |_| close()>
                                {w.close}
                            </button>
                        </div>
                    }
                        .into_any()
                }
                _ => ().into_any(),
            }}
            <form
                class="evl-booking-fields"
                novalidate=true
                hidden=move || matches!(phase.get(), Phase::Done(_))
                on:submit=move |ev| {
                    ev.prevent_default();
                    submit();
                }
            >
                <p class="evl-card-meta">{move || LeadWords::of(lang.get()).required}</p>
                {move || {
                    let lang = lang.get();
                    problems
                        .with(|ps| !ps.is_empty())
                        .then(|| {
                            let items = problems
                                .get()
                                .into_iter()
                                .map(|p| view! { <li>{p.message(lang)}</li> })
                                .collect_view();
                            view! {
                                <div class="evl-booking-problems" role="alert">
                                    <p>{LeadWords::of(lang).fix}</p>
                                    <ul>{items}</ul>
                                </div>
                            }
                        })
                }}
                <div class=move || field_class(LeadField::Name)>
                    <label for="evl-lead-name">{move || LeadField::Name.label(lang.get())}</label>
                    <input
                        id="evl-lead-name"
                        name="name"
                        type="text"
                        autocomplete="name"
                        autofocus=true
                        maxlength=MAX_NAME_CHARS.to_string()
                        required=true
                        aria-invalid=invalid(LeadField::Name)
                        aria-describedby="evl-lead-name-problem"
                        prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev))
                    />
                    {problem_line(LeadField::Name)}
                </div>
                <div class=move || field_class(LeadField::Mobile)>
                    <label for="evl-lead-mobile">{move || LeadField::Mobile.label(lang.get())}</label>
                    <input
                        id="evl-lead-mobile"
                        name="mobile"
                        type="tel"
                        inputmode="tel"
                        autocomplete="tel-national"
                        maxlength="20"
                        required=true
                        aria-invalid=invalid(LeadField::Mobile)
                        aria-describedby="evl-lead-mobile-problem"
                        prop:value=move || mobile.get()
                        on:input=move |ev| mobile.set(event_target_value(&ev))
                    />
                    {problem_line(LeadField::Mobile)}
                </div>
                <div class=move || field_class(LeadField::Date)>
                    <label for="evl-lead-date">{move || LeadField::Date.label(lang.get())}</label>
                    <input
                        id="evl-lead-date"
                        name="date"
                        type="date"
                        min=first.to_string()
                        max=last.to_string()
                        required=true
                        aria-invalid=invalid(LeadField::Date)
                        aria-describedby="evl-lead-date-hint evl-lead-date-problem"
                        prop:value=move || date.get()
                        on:input=move |ev| date.set(event_target_value(&ev))
                        on:change=move |ev| date.set(event_target_value(&ev))
                    />
                    <p class="evl-field-hint" id="evl-lead-date-hint">{date_hint}</p>
                    {problem_line(LeadField::Date)}
                </div>
                <div class=move || format!("{} evl-consent", field_class(LeadField::Consent))>
                    <input
                        id="evl-lead-consent"
                        name="consent"
                        type="checkbox"
                        required=true
                        aria-invalid=invalid(LeadField::Consent)
                        aria-describedby="evl-lead-consent-problem"
                        prop:checked=move || consent.get()
                        on:change=move |ev| consent.set(event_target_checked(&ev))
                    />
                    <label for="evl-lead-consent">
                        {move || {
                            let lang = lang.get();
                            consent_text
                                .as_ref()
                                .map(|t| t.get(lang).to_string())
                                .unwrap_or_else(|| LeadWords::of(lang).consent.to_string())
                        }}
                    </label>
                    {privacy_url
                        .clone()
                        .map(|url| {
                            view! {
                                <a class="evl-privacy-link" href=url target="_blank" rel="noopener">
                                    {move || LeadWords::of(lang.get()).privacy}
                                </a>
                            }
                        })}
                    {problem_line(LeadField::Consent)}
                </div>
                {move || match phase.get() {
                    Phase::Failed(e) => {
                        Some(view! { <p class="evl-booking-error" role="alert">{e.message(lang.get())}</p> })
                    }
                    _ => None,
                }}
                <div class="evl-booking-buttons">
                    <button
                        type="submit"
                        class="evl-button"
                        aria-disabled=move || (phase.get() == Phase::Sending).to_string()
                        on:dblclick=move |ev| ev.prevent_default()
                    >
                        {move || {
                            let w = LeadWords::of(lang.get());
                            match phase.get() {
                                Phase::Sending => w.sending,
                                Phase::Failed(_) => w.retry,
                                _ => w.send,
                            }
                        }}
                    </button>
                    <button type="button" class="evl-button evl-button-secondary" on:click=move |_| close()>
                        {move || LeadWords::of(lang.get()).close}
                    </button>
                </div>
            </form>
        </dialog>
    }
}

/// A key unique to one booking: the time and 64 random bits, in hex.
fn idempotency_key() -> String {
    let random = || (js_sys::Math::random() * 4_294_967_296.0) as u64;
    format!(
        "evl-{:x}-{:08x}{:08x}",
        js_sys::Date::now() as u64,
        random(),
        random()
    )
}
