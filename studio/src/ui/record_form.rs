//! The form of the record a finding opened: a sheet row's cells (those at
//! fault marked), or a dataset file's feature as JSON; saving it checks the
//! work again.

use super::state::studio;
use evl_studio::text::words;
use evl_studio::work::{Edit, Listed, Record};
use leptos::prelude::*;

/// The record form (nothing while no record is chosen).
#[component]
pub fn RecordForm() -> impl IntoView {
    let s = studio();
    let w = move || words(s.lang.get());
    let problem = RwSignal::new(None::<String>);
    let form = move || {
        let n = s.selected.get()?;
        problem.set(None);
        let record = s
            .work
            .with_untracked(|w| w.as_ref().and_then(|w| w.record(n)));
        // The record's findings, and the columns they name, to mark.
        let own: Vec<Listed> = s.checked.with_untracked(|c| {
            c.as_ref()
                .map(|c| {
                    c.problems
                        .iter()
                        .filter(|p| p.record == Some(n))
                        .cloned()
                        .collect()
                })
                .unwrap_or_default()
        });
        let marked: Vec<usize> = own.iter().flat_map(|p| p.columns.iter().copied()).collect();
        let findings: Vec<String> = own.into_iter().map(|p| p.text).collect();
        let fields = match record {
            Some(Record::Row(cells)) => {
                let values: Vec<RwSignal<String>> = cells
                    .iter()
                    .map(|(_, v)| RwSignal::new(v.clone()))
                    .collect();
                let originals: Vec<String> = cells.iter().map(|(_, v)| v.clone()).collect();
                let inputs = cells
                    .into_iter()
                    .enumerate()
                    .map(|(c, (header, _))| {
                        let id = format!("studio-cell-{c}");
                        let value = values[c];
                        view! {
                            <p class="studio-field">
                                <label for=id.clone()>{header}</label>
                                <input
                                    type="text"
                                    id=id
                                    aria-invalid=marked.contains(&c).then_some("true")
                                    prop:value=move || value.get()
                                    on:input=move |ev| value.set(event_target_value(&ev))
                                />
                            </p>
                        }
                    })
                    .collect_view();
                let save = move || {
                    for (c, value) in values.iter().enumerate() {
                        let v = value.get_untracked();
                        if v != originals[c] {
                            if let Err(e) = s.edit(Edit::Cell {
                                record: n,
                                column: c,
                                value: v,
                            }) {
                                problem.set(Some(e));
                                return;
                            }
                        }
                    }
                    s.selected.set(None);
                    super::focus("#studio-counts");
                };
                Some((inputs.into_any(), Box::new(save) as Box<dyn Fn()>))
            }
            Some(Record::Feature(json)) => {
                let text = RwSignal::new(json);
                let save = move || match s.edit(Edit::Feature {
                    record: n,
                    json: text.get_untracked(),
                }) {
                    Ok(()) => {
                        s.selected.set(None);
                        super::focus("#studio-counts");
                    }
                    Err(e) => problem.set(Some(e)),
                };
                let area = view! {
                    <p class="studio-field">
                        <label for="studio-feature">"GeoJSON"</label>
                        <textarea
                            id="studio-feature"
                            rows="16"
                            spellcheck="false"
                            prop:value=move || text.get()
                            on:input=move |ev| text.set(event_target_value(&ev))
                        ></textarea>
                    </p>
                };
                Some((area.into_any(), Box::new(save) as Box<dyn Fn()>))
            }
            None => None,
        };
        Some(view! {
            <form
                class="studio-record"
                aria-labelledby="studio-record-heading"
                on:submit=move |ev| {
                    ev.prevent_default();
                }
            >
                <h3 id="studio-record-heading" tabindex="-1">{move || w().record} " " {n}</h3>
                <ul class="studio-record-findings">
                    {findings.into_iter().map(|f| view! { <li>{f}</li> }).collect_view()}
                </ul>
                {match fields {
                    Some((inputs, save)) => view! {
                        {inputs}
                        {move || problem.get().map(|p| view! { <p class="studio-error" role="alert">{p}</p> })}
                        <button type="submit" id="studio-save-record" on:click=move |_| save()>
                            {move || w().save_record}
                        </button>
                    }
                    .into_any(),
                    None => view! { <p>{move || w().read_only}</p> }.into_any(),
                }}
                <button type="button" on:click=move |_| s.selected.set(None)>
                    {move || w().close}
                </button>
            </form>
        })
    };
    view! { {form} }
}
