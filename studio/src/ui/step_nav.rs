//! The steps, as a row of buttons: the one shown is `aria-current`; a
//! step that needs an open file is disabled until there is one.

use super::state::{studio, Step};
use evl_studio::text::words;
use leptos::prelude::*;

/// The steps' navigation.
#[component]
pub fn StepNav() -> impl IntoView {
    let s = studio();
    let open = move || s.work.with(Option::is_some);
    view! {
        <nav class="studio-steps" aria-label=move || words(s.lang.get()).steps_label>
            <ol>
                {Step::ALL
                    .into_iter()
                    .map(|step| {
                        view! {
                            <li>
                                <button
                                    type="button"
                                    id=format!("studio-go-{}", step.id())
                                    aria-current=move || (s.step.get() == step).then_some("step")
                                    disabled=move || step != Step::Open && !open()
                                    on:click=move |_| s.go(step)
                                >
                                    <span class="studio-step-number">{step.index() + 1}</span>
                                    {move || words(s.lang.get()).steps[step.index()]}
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
}
