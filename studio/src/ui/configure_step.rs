//! Step 4: the settings written to `config.json` (brand name, language,
//! theme, tiles, embedding, the site's address), checked by the app's own
//! reading at each change; the preview follows.

use super::brand_fields::BrandFields;
use super::next_step::NextStep;
use super::state::{studio, Step};
use evl_studio::settings::{FIELDS, PARENT_ORIGINS};
use evl_studio::text::words;
use leptos::prelude::*;

/// The configure step.
#[component]
pub fn ConfigureStep() -> impl IntoView {
    let s = studio();
    let w = move || words(s.lang.get());
    let set = move |path: &'static str, value: String| {
        s.settings.update(|st| st.set(path, &value));
        s.save();
    };
    let verdict = move || s.settings.with(|st| st.check().err());
    let field = move |i: usize| {
        let path = FIELDS[i];
        let id = format!("studio-set-{}", path.replace('.', "-"));
        let value = move || s.settings.with(|st| st.get(path));
        let choices: Option<Vec<String>> = match path {
            "default_lang" => Some(vec![String::new(), "zh".into(), "en".into()]),
            "theme.color_scheme" => Some(vec![
                String::new(),
                "auto".into(),
                "light".into(),
                "dark".into(),
            ]),
            "tiles.default" => Some(
                std::iter::once(String::new())
                    .chain(s.settings.with_untracked(|st| st.tile_ids()))
                    .collect(),
            ),
            _ => None,
        };
        let hint_id = format!("{id}-hint");
        let hint = move || w().field_hints[i];
        let control = match choices {
            Some(choices) => view! {
                <select id=id.clone() on:change=move |ev| set(path, event_target_value(&ev))>
                    {choices
                        .into_iter()
                        .map(|c| {
                            let label = if c.is_empty() { "—".to_string() } else { c.clone() };
                            let c2 = c.clone();
                            view! { <option value=c selected=move || value() == c2>{label}</option> }
                        })
                        .collect_view()}
                </select>
            }
            .into_any(),
            None => view! {
                <input
                    type="text"
                    id=id.clone()
                    aria-describedby=hint_id.clone()
                    prop:value=value
                    on:change=move |ev| set(path, event_target_value(&ev))
                />
            }
            .into_any(),
        };
        view! {
            <p class="studio-field">
                <label for=id>{move || w().fields[i]}</label>
                {control}
                <span class="studio-hint" id=hint_id>{hint}</span>
            </p>
        }
    };
    view! {
        <BrandFields/>
        {(0..FIELDS.len()).map(field).collect_view()}
        <p class="studio-field">
            <label for="studio-set-parent-origins">{move || w().parent_origins}</label>
            <textarea
                id="studio-set-parent-origins"
                rows="3"
                prop:value=move || s.settings.with(|st| st.get(PARENT_ORIGINS))
                on:change=move |ev| set(PARENT_ORIGINS, event_target_value(&ev))
            ></textarea>
        </p>
        {move || match verdict() {
            Some(e) => view! { <p class="studio-error" role="alert" id="studio-settings-error">{e}</p> }.into_any(),
            None => view! { <p class="studio-ok" id="studio-settings-ok">{move || w().settings_ok}</p> }.into_any(),
        }}
        <NextStep to=Step::Export/>
    }
}
