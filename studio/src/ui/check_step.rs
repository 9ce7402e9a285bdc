//! Step 3: the counts, what stops the check, the errors and the warnings
//! apart (each opens its record), and the record's form.

use super::next_step::NextStep;
use super::problem_list::ProblemList;
use super::record_form::RecordForm;
use super::state::{studio, Step};
use evl_studio::text::words;
use leptos::prelude::*;
use locator_core::Severity;

/// The check step.
#[component]
pub fn CheckStep() -> impl IntoView {
    let s = studio();
    let w = move || words(s.lang.get());
    let counts = move || {
        s.checked.with(|c| {
            c.as_ref()
                .map(|c| (w().counts)(c.records, c.kept, c.errors(), c.warnings()))
        })
    };
    let fatal = move || s.checked.with(|c| c.as_ref().and_then(|c| c.fatal.clone()));
    let notice = move || {
        s.checked
            .with(|c| c.as_ref().and_then(|c| c.notice.clone()))
    };
    let clean = move || {
        s.checked.with(|c| {
            c.as_ref()
                .is_some_and(|c| c.fatal.is_none() && c.problems.is_empty())
        })
    };
    view! {
        <p class="studio-counts" id="studio-counts">{counts}</p>
        {move || fatal().map(|f| view! { <p class="studio-error" role="alert" id="studio-fatal">{f}</p> })}
        {move || notice().map(|n| view! { <p class="studio-notice" id="studio-notice">{n}</p> })}
        <RecordForm/>
        <Show when=clean>
            <p class="studio-clean">{move || w().no_problems}</p>
        </Show>
        <ProblemList severity=Severity::Error/>
        <ProblemList severity=Severity::Warning/>
        <NextStep to=Step::Configure/>
    }
}
