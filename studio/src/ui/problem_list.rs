//! One list of the check's findings (errors, or warnings), each a button
//! that opens its record in the form.

use super::state::studio;
use evl_studio::text::words;
use leptos::prelude::*;
use locator_core::Severity;

/// At most this many findings are drawn; a line says how many more.
const SHOWN: usize = 500;

/// The findings of one severity.
#[component]
pub fn ProblemList(
    /// Errors or warnings.
    severity: Severity,
) -> impl IntoView {
    let s = studio();
    let w = move || words(s.lang.get());
    let kind = if severity == Severity::Error {
        "errors"
    } else {
        "warnings"
    };
    let items = move || {
        s.checked.with(|c| {
            c.as_ref()
                .map(|c| {
                    c.problems
                        .iter()
                        .filter(|p| p.error == (severity == Severity::Error))
                        .map(|p| (p.record, p.text.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    view! {
        {move || {
            let all = items();
            (!all.is_empty())
                .then(|| {
                    let more = all.len().saturating_sub(SHOWN);
                    view! {
                        <section class=format!("studio-problems studio-{kind}") aria-labelledby=format!("studio-{kind}-heading")>
                            <h3 id=format!("studio-{kind}-heading")>
                                {move || if severity == Severity::Error { w().errors } else { w().warnings }}
                                " (" {all.len()} ")"
                            </h3>
                            <ul>
                                {all
                                    .into_iter()
                                    .take(SHOWN)
                                    .map(|(record, text)| match record {
                                        Some(n) => view! {
                                            <li>
                                                <button type="button" class="studio-problem" data-record=n on:click=move |_| {
                                                    s.selected.set(Some(n));
                                                    super::focus("#studio-record-heading");
                                                }>
                                                    {text}
                                                </button>
                                            </li>
                                        }
                                        .into_any(),
                                        None => view! { <li class="studio-problem-file">{text}</li> }.into_any(),
                                    })
                                    .collect_view()}
                            </ul>
                            {(more > 0).then(|| view! { <p>"… +" {more}</p> })}
                        </section>
                    }
                })
        }}
    }
}
