//! The brand's name, in Chinese and English: a sheet's import option, or
//! a dataset file's `brand` member.

use super::state::studio;
use evl_studio::text::words;
use evl_studio::work::Edit;
use leptos::prelude::*;

/// The two brand name fields.
#[component]
pub fn BrandFields() -> impl IntoView {
    let s = studio();
    let w = move || words(s.lang.get());
    // A dataset file's brand as its last check read it (not parsed again
    // from the text at each change).
    let brand = move || {
        let sheet = s.work.with(|w| {
            w.as_ref()
                .and_then(|w| (w.source.kind() == "sheet").then(|| w.options.brand.clone()))
        });
        sheet.unwrap_or_else(|| {
            s.checked
                .with(|c| {
                    c.as_ref().map(|c| locator_core::LocalText {
                        zh: c.brand_zh.clone(),
                        en: c.brand_en.clone(),
                    })
                })
                .unwrap_or_default()
        })
    };
    let packed = move || {
        s.work
            .with(|w| w.as_ref().is_some_and(|w| w.source.kind() == "pack"))
    };
    let set = move |zh: Option<String>, en: Option<String>| {
        let tidy = |t: Option<String>| t.map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
        let current = brand();
        let edit = Edit::Brand {
            zh: tidy(zh.or(current.zh)),
            en: tidy(en.or(current.en)),
        };
        if let Err(e) = s.edit(edit) {
            s.error.set(Some(e));
        }
    };
    view! {
        <p class="studio-field">
            <label for="studio-brand-zh">{move || w().brand[0]}</label>
            <input
                type="text"
                id="studio-brand-zh"
                lang="zh-CN"
                disabled=packed
                prop:value=move || brand().zh.unwrap_or_default()
                on:change=move |ev| set(Some(event_target_value(&ev)), None)
            />
        </p>
        <p class="studio-field">
            <label for="studio-brand-en">{move || w().brand[1]}</label>
            <input
                type="text"
                id="studio-brand-en"
                lang="en"
                disabled=packed
                prop:value=move || brand().en.unwrap_or_default()
                on:change=move |ev| set(None, Some(event_target_value(&ev)))
            />
        </p>
    }
}
