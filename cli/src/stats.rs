//! Counting a dataset's outlets: by kind, status, service and city.

use locator_core::{Dataset, LocalText, OutletKind, OutletStatus, Service};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::fmt::Write as _;

/// The counts of a dataset.
#[derive(Debug, Clone, PartialEq)]
pub struct Stats {
    /// Outlets the app would show.
    pub outlets: usize,
    /// Features left out for errors.
    pub left_out: usize,
    /// Warnings.
    pub warnings: usize,
    /// Per kind id (`ev_home`, `partner`), both always present.
    pub by_kind: Vec<(&'static str, usize)>,
    /// Per status id, every status present.
    pub by_status: Vec<(&'static str, usize)>,
    /// Outlets listing each service (whatever their status), every service
    /// of the catalogue present.
    pub by_service: Vec<(&'static str, usize)>,
    /// Per city (`上海 Shanghai`), most outlets first, then by name.
    pub by_city: Vec<(String, usize)>,
}

/// A city's name in both languages, as far as given.
fn city_name(city: &LocalText) -> String {
    match (&city.zh, &city.en) {
        (Some(zh), Some(en)) => format!("{zh} {en}"),
        (Some(one), None) | (None, Some(one)) => one.clone(),
        (None, None) => String::new(),
    }
}

/// Counts the outlets of `data`.
///
/// ```
/// let data = locator_core::generate_dataset(100, 1).unwrap();
/// let stats = evl_data::stats::stats(&data);
/// assert_eq!(stats.outlets, 100);
/// assert_eq!(stats.by_kind.iter().map(|(_, n)| n).sum::<usize>(), 100);
/// ```
pub fn stats(data: &Dataset) -> Stats {
    let count =
        |f: &dyn Fn(&locator_core::Outlet) -> bool| data.outlets.iter().filter(|o| f(o)).count();
    let by_kind = OutletKind::ALL
        .iter()
        .map(|k| (k.id(), count(&|o| o.kind == *k)))
        .collect();
    let by_status = [
        OutletStatus::Open,
        OutletStatus::ComingSoon,
        OutletStatus::Relocated,
    ]
    .iter()
    .map(|s| (s.id(), count(&|o| o.status == *s)))
    .collect();
    let by_service = Service::ALL
        .iter()
        .map(|s| (s.id(), count(&|o| o.services.contains(*s))))
        .collect();
    let mut cities: HashMap<String, usize> = HashMap::new();
    for o in &data.outlets {
        *cities.entry(city_name(&o.city)).or_default() += 1;
    }
    let mut by_city: Vec<(String, usize)> = cities.into_iter().collect();
    by_city.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut left_out: Vec<usize> = data.rejected.iter().map(|e| e.number).collect();
    left_out.dedup();
    Stats {
        outlets: data.outlets.len(),
        left_out: left_out.len(),
        warnings: data.warnings.len(),
        by_kind,
        by_status,
        by_service,
        by_city,
    }
}

impl Stats {
    /// Lines for people.
    pub fn to_text(&self, file: &str) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{file}: {} outlets ({} left out, {}; see evl-data validate)",
            self.outlets,
            crate::report::plural(self.left_out, "feature", "features"),
            crate::report::plural(self.warnings, "warning", "warnings"),
        );
        let section =
            |out: &mut String, title: &str, rows: &mut dyn Iterator<Item = (String, usize)>| {
                let _ = writeln!(out, "\n{title}");
                for (name, n) in rows {
                    let _ = writeln!(out, "  {n:>7}  {name}");
                }
            };
        let own = |rows: &[(&'static str, usize)]| -> Vec<(String, usize)> {
            rows.iter().map(|(k, n)| (k.to_string(), *n)).collect()
        };
        section(&mut out, "by kind", &mut own(&self.by_kind).into_iter());
        section(&mut out, "by status", &mut own(&self.by_status).into_iter());
        section(
            &mut out,
            "by service (outlets listing it, whatever their status)",
            &mut own(&self.by_service).into_iter(),
        );
        section(
            &mut out,
            &format!("by city ({} cities)", self.by_city.len()),
            &mut self.by_city.iter().cloned(),
        );
        out
    }

    /// One JSON document.
    pub fn to_json(&self, file: &str) -> Value {
        let map = |rows: &[(&'static str, usize)]| -> Value {
            rows.iter()
                .map(|(k, n)| (k.to_string(), json!(n)))
                .collect::<serde_json::Map<_, _>>()
                .into()
        };
        json!({
            "file": file,
            "outlets": self.outlets,
            "features_left_out": self.left_out,
            "warnings": self.warnings,
            "by_kind": map(&self.by_kind),
            "by_status": map(&self.by_status),
            "by_service": map(&self.by_service),
            "by_city": self.by_city.iter().map(|(c, n)| json!({"city": c, "outlets": n})).collect::<Vec<_>>(),
        })
    }
}
