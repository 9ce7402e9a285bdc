//! Step 5: the dataset (GeoJSON and packed) and `config.json` downloaded,
//! and the snippets for the brand's pages copied.

use super::browser;
use super::state::studio;
use evl_studio::snippet;
use evl_studio::text::words;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The export step.
#[component]
pub fn ExportStep() -> impl IntoView {
    let s = studio();
    let w = move || words(s.lang.get());
    // The files of the check shown (read again when it changes).
    let geojson = move || {
        s.checked.track();
        s.files.with_value(|f| f.geojson.clone())
    };
    let pack = move || {
        s.checked.track();
        s.files.with_value(|f| f.pack.clone())
    };
    let left_out = move || {
        s.checked
            .with(|c| c.as_ref().map_or(0, |c| c.records.saturating_sub(c.kept)))
    };
    let get_geojson = move |_| {
        if let Some(text) = geojson() {
            browser::download("outlets.geojson", &text.into(), "application/geo+json");
        }
    };
    let get_pack = move |_| {
        if let Some(bytes) = pack() {
            browser::download("outlets.evlpack", &bytes.into(), "application/octet-stream");
        }
    };
    let get_config = move |_| {
        let text = s.settings.with(|st| st.text());
        browser::download("config.json", &text.into(), "application/json");
    };
    let base = move || s.settings.with(|st| st.get("site.base_url"));
    let lang = move || s.settings.with(|st| st.get("default_lang"));
    let scheme = move || s.settings.with(|st| st.get("theme.color_scheme"));
    // The frame is titled as the app titles itself, in the language it opens in.
    let iframe = move || {
        let title = locator_core::Lang::from_id(&lang())
            .unwrap_or_default()
            .strings()
            .title;
        snippet::iframe(&base(), &lang(), title)
    };
    let in_page = move || snippet::in_page(&base(), &lang(), &scheme());
    let snippet_box = move |i: usize, text: Signal<String>| {
        let copied = RwSignal::new(false);
        let id = format!("studio-snippet-{i}");
        view! {
            <p class="studio-field">
                <label for=id.clone()>{move || w().snippets[i]}</label>
                <textarea id=id readonly rows="3" spellcheck="false" prop:value=move || text.get()></textarea>
                <button type="button" on:click=move |_| {
                    let t = text.get_untracked();
                    spawn_local(async move {
                        match browser::copy_text(&t).await {
                            Ok(()) => copied.set(true),
                            Err(e) => s.error.set(Some(e)),
                        }
                    });
                }>
                    {move || if copied.get() { w().copied } else { w().copy }}
                </button>
            </p>
        }
    };
    view! {
        {move || (left_out() > 0).then(|| view! { <p class="studio-notice" id="studio-left-out">{(w().left_out_of_export)(left_out())}</p> })}
        <p class="studio-downloads">
            <button type="button" id="studio-get-geojson" disabled=move || geojson().is_none() on:click=get_geojson>
                {move || w().downloads[0]}
            </button>
            <button type="button" id="studio-get-pack" disabled=move || pack().is_none() on:click=get_pack>
                {move || w().downloads[1]}
            </button>
            <button type="button" id="studio-get-config" on:click=get_config>
                {move || w().downloads[2]}
            </button>
        </p>
        <p class="studio-hint" id="studio-publish">{move || w().publish}</p>
        {snippet_box(0, Signal::derive(iframe))}
        {snippet_box(1, Signal::derive(in_page))}
    }
}
