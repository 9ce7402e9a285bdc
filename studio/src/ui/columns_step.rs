//! Step 2, for a sheet: what each column means (a menu per column, the
//! guess made from its header), the datum of the coordinates with a hint
//! from where the points fall, and the collection's facts.

use super::brand_fields::BrandFields;
use super::next_step::NextStep;
use super::state::{studio, Step};
use evl_data::import::COLUMNS;
use evl_studio::source::Source;
use evl_studio::text::words;
use leptos::prelude::*;
use locator_core::{Date, Datum};

/// The columns step.
#[component]
pub fn ColumnsStep() -> impl IntoView {
    let s = studio();
    let w = move || words(s.lang.get());
    // The header and a few values of each column: they do not change as
    // the columns are given meanings (and the table is not drawn again,
    // so that the focus stays on the menu just used).
    let table = {
        s.work.with_untracked(|work| {
            let Some(Source::Sheet(sheet)) = work.as_ref().map(|w| &w.source) else {
                return None;
            };
            Some(
                sheet
                    .header
                    .iter()
                    .enumerate()
                    .map(|(c, h)| {
                        let samples: Vec<String> = (0..sheet.rows.len().min(3))
                            .map(|r| sheet.cell(r, c).to_string())
                            .filter(|v| !v.is_empty())
                            .collect();
                        (c, h.clone(), samples.join(" · "))
                    })
                    .collect::<Vec<_>>(),
            )
        })
    };
    let field_of = move |c: usize| {
        s.work
            .with(|w| w.as_ref().and_then(|w| w.mapping.get(c).copied().flatten()))
    };
    let datum = move || {
        s.work
            .with(|w| w.as_ref().map_or(Datum::Wgs84, |w| w.options.datum))
    };
    let hint = move || {
        let (inside, outside) = s
            .work
            .with(|w| w.as_ref().map_or((0, 0), |w| w.points_in_china()));
        (w().datum_hint)(inside, outside)
    };
    view! {
        {match table {
            None => view! { <p>{move || w().no_sheet}</p> }.into_any(),
            Some(columns) => view! {
                <table class="studio-columns">
                    <caption>{move || w().columns_caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{move || w().columns_head[0]}</th>
                            <th scope="col">{move || w().columns_head[1]}</th>
                            <th scope="col">{move || w().columns_head[2]}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {columns
                            .into_iter()
                            .map(|(c, header, samples)| {
                                let id = format!("studio-column-{c}");
                                view! {
                                    <tr>
                                        <th scope="row"><label for=id.clone()>{header}</label></th>
                                        <td class="studio-samples">{samples}</td>
                                        <td>
                                            <select
                                                id=id
                                                on:change=move |ev| {
                                                    let v = event_target_value(&ev);
                                                    let field = COLUMNS.iter().copied().find(|f| *f == v);
                                                    s.change(|work| work.set_column(c, field));
                                                }
                                            >
                                                <option value="" selected=move || field_of(c).is_none()>
                                                    {move || w().left_out}
                                                </option>
                                                {COLUMNS
                                                    .iter()
                                                    .map(|f| {
                                                        let f: &'static str = f;
                                                        view! {
                                                            <option value=f selected=move || field_of(c) == Some(f)>
                                                                {f}
                                                            </option>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </select>
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
                <p class="studio-field">
                    <label for="studio-datum">{move || w().datum}</label>
                    <select
                        id="studio-datum"
                        aria-describedby="studio-datum-hint"
                        on:change=move |ev| {
                            if let Some(d) = Datum::from_id(&event_target_value(&ev)) {
                                s.change(|work| work.options.datum = d);
                            }
                        }
                    >
                        {Datum::ALL
                            .into_iter()
                            .enumerate()
                            .map(|(i, d)| {
                                view! {
                                    <option value=d.id() selected=move || datum() == d>
                                        {move || w().datums[i]}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    <span id="studio-datum-hint" class="studio-hint">{hint}</span>
                </p>
                <BrandFields/>
                <p class="studio-field">
                    <label for="studio-updated">{move || w().updated}</label>
                    <input
                        type="date"
                        id="studio-updated"
                        prop:value=move || s.work.with(|w| w.as_ref().map(|w| w.options.updated.to_string()).unwrap_or_default())
                        on:change=move |ev| {
                            if let Ok(d) = event_target_value(&ev).parse::<Date>() {
                                s.change(|work| work.options.updated = d);
                            }
                        }
                    />
                </p>
                <NextStep to=Step::Check/>
            }
            .into_any(),
        }}
    }
}
