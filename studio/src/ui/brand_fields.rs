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
    // One field per language: Chinese first, as buyers read it.
    let field = move |zh: bool| {
        let (lang, tag, label) = if zh {
            ("zh", "zh-CN", 0)
        } else {
            ("en", "en", 1)
        };
        let id = format!("studio-brand-{lang}");
        view! {
            <p class="studio-field">
                <label for=id.clone()>{move || w().brand[label]}</label>
                <input
                    type="text"
                    id=id
                    lang=tag
                    disabled=packed
                    prop:value=move || { let b = brand(); if zh { b.zh } else { b.en }.unwrap_or_default() }
                    on:change=move |ev| {
                        let v = Some(event_target_value(&ev));
                        if zh { set(v, None) } else { set(None, v) }
                    }
                />
            </p>
        }
    };
    view! { {field(true)} {field(false)} }
}
