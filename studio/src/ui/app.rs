//! The page: the title, the steps, the step shown and the preview.

use super::check_step::CheckStep;
use super::columns_step::ColumnsStep;
use super::configure_step::ConfigureStep;
use super::export_step::ExportStep;
use super::open_step::OpenStep;
use super::preview::Preview;
use super::state::{Step, Studio};
use super::step_nav::StepNav;
use evl_studio::text::words;
use leptos::prelude::*;
use locator_core::Lang;

/// The studio.
#[component]
pub fn App() -> impl IntoView {
    let s = Studio::provide();
    let w = move || words(s.lang.get());
    Effect::new(move |_| {
        let lang = s.lang.get();
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", lang.html_tag());
        }
        document().set_title(words(lang).title);
    });
    view! {
        <header class="studio-head">
            <h1>{move || w().title}</h1>
            <p class="studio-intro">{move || w().intro}</p>
            <button
                type="button"
                class="studio-lang"
                lang=move || if s.lang.get() == Lang::Zh { "en" } else { "zh-CN" }
                on:click=move |_| s.lang.update(|l| *l = if *l == Lang::Zh { Lang::En } else { Lang::Zh })
            >
                {move || w().other_lang}
            </button>
        </header>
        <StepNav/>
        <main class="studio-main" data-checks=move || s.checks.get()>
            <section class="studio-step" aria-labelledby="studio-step-heading">
                <h2 id="studio-step-heading" tabindex="-1">
                    {move || w().steps[s.step.get().index()]}
                </h2>
                // While a file is read or checked: an indeterminate bar (the
                // check is one call in the worker, with no steps to count)
                // and what is under way, said politely.
                <p class="studio-busy" role="status">
                    {move || {
                        s.busy
                            .get()
                            .map(|b| {
                                let said = if b == "read" { w().reading } else { w().checking };
                                view! {
                                    <progress aria-label=said></progress>
                                    " "
                                    {said}
                                }
                            })
                    }}
                </p>
                {move || s.error.get().map(|e| view! { <p class="studio-error" role="alert">{e}</p> })}
                {move || match s.step.get() {
                    Step::Open => view! { <OpenStep/> }.into_any(),
                    Step::Columns => view! { <ColumnsStep/> }.into_any(),
                    Step::Check => view! { <CheckStep/> }.into_any(),
                    Step::Configure => view! { <ConfigureStep/> }.into_any(),
                    Step::Export => view! { <ExportStep/> }.into_any(),
                }}
            </section>
            <Preview/>
        </main>
    }
}
