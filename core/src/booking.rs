//! Booking: the brand's own booking pages (an H5 page, a mini-program's web
//! page, a CRM form), linked from an outlet for each service it offers that
//! the configuration makes bookable (`config.json`, `booking.links`). The
//! locator hosts no booking system: it fills in a URL template per service.

use crate::directions::percent_encode;
use crate::i18n::Lang;
use crate::outlet::{Outlet, OutletStatus};
pub use crate::service::Bookable;
use crate::service::{Service, ServiceSet};
use crate::text::LocalText;

impl Bookable {
    /// The call to action's words: "预约试驾" / "Book a test drive".
    pub fn action(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            Bookable::Service(Service::Sales) => ("预约到店咨询", "Book a store visit"),
            Bookable::Service(Service::TestDrive) => ("预约试驾", "Book a test drive"),
            Bookable::Service(Service::Delivery) => ("预约交付", "Book your delivery"),
            Bookable::Service(Service::AfterSales) => ("预约保养维修", "Book a service visit"),
            Bookable::Service(Service::BodyPaint) => ("预约钣金喷漆", "Book body and paint repair"),
            Bookable::Service(Service::Charging) => ("预约充电", "Book a charging slot"),
            Bookable::Notify => ("开业时通知我", "Notify me when it opens"),
        };
        match lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// The name of an outlet's list of calls to action.
    pub fn actions_label(lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => "预约",
            Lang::En => "Book",
        }
    }
}

/// Why a URL template cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateProblem {
    /// Not `https:` (nor `http:` on this machine, for testing).
    #[error("is not an https: address (http: only for localhost)")]
    NotHttps,
    /// No host after the scheme, or a placeholder in the host.
    #[error("names no fixed host (a placeholder may not stand in the host)")]
    BadHost,
    /// A `{name}` that is not one of the placeholders.
    #[error("has the placeholder {{{0}}}: use {{id}}, {{service}}, {{lang}} or {{city}}")]
    UnknownPlaceholder(String),
    /// A `{` without its `}`, or a `}` alone.
    #[error("has an unpaired brace")]
    UnpairedBrace,
    /// A space, quote, angle bracket, backslash or control character.
    #[error("has a character a URL may not have (space, quote, <, >, \\ or a control character)")]
    BadCharacter,
}

/// One piece of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String),
    Id,
    Service,
    Lang,
    City,
}

/// A checked URL template: `https://crm.brand.cn/td?store={id}&lang={lang}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkTemplate {
    pieces: Vec<Piece>,
}

impl LinkTemplate {
    /// Checks a template.
    ///
    /// ```
    /// use locator_core::LinkTemplate;
    /// assert!(LinkTemplate::parse("https://crm.brand.cn/td?store={id}").is_ok());
    /// assert!(LinkTemplate::parse("javascript:alert(1)").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<LinkTemplate, TemplateProblem> {
        let t = text.trim();
        if t.chars().any(|c| {
            c.is_control() || c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | '\\' | '`')
        }) {
            return Err(TemplateProblem::BadCharacter);
        }
        let lower = t.to_ascii_lowercase();
        let rest = if let Some(rest) = lower.strip_prefix("https://") {
            rest
        } else if let Some(rest) = lower.strip_prefix("http://") {
            let host = rest.split(['/', '?', '#']).next().unwrap_or("");
            let name = host.rsplit_once(':').map_or(host, |(h, _)| h);
            if !matches!(name, "localhost" | "127.0.0.1" | "[::1]") {
                return Err(TemplateProblem::NotHttps);
            }
            rest
        } else {
            return Err(TemplateProblem::NotHttps);
        };
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        if host.is_empty() || host.contains(['{', '}', '@']) {
            return Err(TemplateProblem::BadHost);
        }
        let mut pieces = Vec::new();
        let mut text = String::new();
        let mut chars = t.chars();
        while let Some(c) = chars.next() {
            match c {
                '{' => {
                    let mut name = String::new();
                    loop {
                        match chars.next() {
                            Some('}') => break,
                            Some('{') | None => return Err(TemplateProblem::UnpairedBrace),
                            Some(c) => name.push(c),
                        }
                    }
                    let piece = match name.as_str() {
                        "id" => Piece::Id,
                        "service" => Piece::Service,
                        "lang" => Piece::Lang,
                        "city" => Piece::City,
                        _ => return Err(TemplateProblem::UnknownPlaceholder(name)),
                    };
                    if !text.is_empty() {
                        pieces.push(Piece::Text(std::mem::take(&mut text)));
                    }
                    pieces.push(piece);
                }
                '}' => return Err(TemplateProblem::UnpairedBrace),
                c => text.push(c),
            }
        }
        if !text.is_empty() {
            pieces.push(Piece::Text(text));
        }
        Ok(LinkTemplate { pieces })
    }

    /// The URL for `outlet` and `what`, each value percent-encoded; the
    /// city in `lang`.
    pub fn fill(&self, outlet: &Outlet, what: Bookable, lang: Lang) -> String {
        let mut url = String::new();
        for p in &self.pieces {
            match p {
                Piece::Text(t) => url.push_str(t),
                Piece::Id => url.push_str(&percent_encode(&outlet.id)),
                Piece::Service => url.push_str(what.id()),
                Piece::Lang => url.push_str(lang.id()),
                Piece::City => url.push_str(&percent_encode(outlet.city.get(lang))),
            }
        }
        url
    }
}

/// The booking links of the configuration, in catalogue order (`notify`
/// last). Empty: no outlet shows a call to action.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Booking {
    links: Vec<(Bookable, LinkTemplate)>,
    /// The locator's own booking form, for the services it lists.
    pub form: Option<BookingForm>,
}

/// The booking form (`booking.form`): the services it books and where it
/// posts them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookingForm {
    /// The brand's endpoint: an `https:` URL (`http:` for localhost), or a
    /// path on the app's own host (`/api/leads`).
    pub endpoint: String,
    /// The services booked with the form instead of a link.
    pub services: ServiceSet,
    /// The consent box's text; `None`: the built-in one.
    pub consent: Option<LocalText>,
    /// The brand's privacy policy, linked beside the consent box.
    pub privacy_url: Option<String>,
    /// How long the endpoint may take, in seconds.
    pub timeout_s: u32,
}

/// Whether `url` may be the form's endpoint or privacy page: `https:` with
/// a host (`http:` for localhost), or a path from the app's host root; no
/// placeholder, space, quote or angle bracket.
pub fn is_endpoint_url(url: &str) -> bool {
    let u = url.trim();
    if u.contains(['{', '}']) {
        return false;
    }
    if let Some(path) = u.strip_prefix('/') {
        return !path.starts_with('/')
            && !path.chars().any(|c| {
                c.is_control()
                    || c.is_whitespace()
                    || matches!(c, '"' | '\'' | '<' | '>' | '\\' | '`')
            });
    }
    LinkTemplate::parse(u).is_ok()
}

impl Booking {
    /// The configuration's links, checked, from `(key, template)` pairs:
    /// the key with its problem for the first that cannot be used.
    pub fn from_links<'a>(
        links: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Booking, (String, String, BookingProblem)> {
        let mut out: Vec<(Bookable, LinkTemplate)> = Vec::new();
        for (key, template) in links {
            let fail = |p| (key.to_string(), template.chars().take(80).collect(), p);
            let what =
                Bookable::from_id(key).ok_or_else(|| fail(BookingProblem::UnknownService))?;
            let t = LinkTemplate::parse(template).map_err(|p| fail(BookingProblem::Template(p)))?;
            out.retain(|(w, _)| *w != what);
            out.push((what, t));
        }
        out.sort_by_key(|(w, _)| *w);
        Ok(Booking {
            links: out,
            form: None,
        })
    }

    /// Whether nothing is bookable (no link, no form).
    pub fn is_empty(&self) -> bool {
        self.links.is_empty() && self.form.is_none()
    }

    /// Whether `service` is booked with the form.
    pub fn uses_form(&self, service: Service) -> bool {
        self.form
            .as_ref()
            .is_some_and(|f| f.services.contains(service))
    }

    /// The template for `what`, if configured.
    pub fn template(&self, what: Bookable) -> Option<&LinkTemplate> {
        self.links.iter().find(|(w, _)| *w == what).map(|(_, t)| t)
    }
}

/// Why a `booking.links` member cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BookingProblem {
    /// The key is neither a service id nor `notify`.
    #[error("is not a service id of the catalogue nor notify")]
    UnknownService,
    /// The template is unusable.
    #[error("{0}")]
    Template(TemplateProblem),
}

/// Where a call to action leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BookingTarget {
    /// The brand's page: the filled-in URL.
    Link(String),
    /// The locator's own booking form (`booking.form`).
    Form,
}

/// A call to action: what is booked and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookingLink {
    /// What is booked.
    pub what: Bookable,
    /// Where it leads.
    pub target: BookingTarget,
}

/// The calls to action of `outlet`: one per service it offers today that
/// `booking` books (by a link, or by the form if it lists the service), in
/// catalogue order; for a coming-soon outlet only "notify me" when linked;
/// none for a relocated outlet, which points to its new home instead. An
/// outlet's own booking page for a service (its `booking` in the dataset)
/// takes the place of the configuration's link or form for it; a service
/// the configuration does not book shows none either way.
pub fn booking_links(outlet: &Outlet, booking: &Booking, lang: Lang) -> Vec<BookingLink> {
    let link = |what| {
        let by_form = matches!(what, Bookable::Service(s) if booking.uses_form(s));
        let template = booking.template(what);
        if !by_form && template.is_none() {
            return None;
        }
        let target = match (outlet.own_booking(what), template) {
            (Some(own), _) => BookingTarget::Link(own.to_string()),
            (None, _) if by_form => BookingTarget::Form,
            (None, Some(t)) => BookingTarget::Link(t.fill(outlet, what, lang)),
            (None, None) => return None,
        };
        Some(BookingLink { what, target })
    };
    match outlet.status {
        OutletStatus::Open => outlet
            .services_now()
            .iter()
            .filter_map(|s| link(Bookable::Service(s)))
            .collect(),
        OutletStatus::ComingSoon => link(Bookable::Notify).into_iter().collect(),
        OutletStatus::Relocated => Vec::new(),
    }
}

/// The app's link, from `app_href` (its address from the page that links:
/// `../../` on a static page, empty on the app's own page), that opens the
/// booking form for outlet `id` and `service` in `lang`.
///
/// ```
/// use locator_core::{form_href, Lang, Service};
/// assert_eq!(form_href("../", "evh 1", Service::TestDrive, Lang::En), "../?outlet=evh%201&book=test_drive&lang=en");
/// ```
pub fn form_href(app_href: &str, id: &str, service: Service, lang: Lang) -> String {
    format!(
        "{app_href}?outlet={}&book={}&lang={}",
        percent_encode(id),
        service.id(),
        lang.id()
    )
}

/// Whether `outlet` can be booked for `service` with the form now: what
/// [`booking_links`] shows it as.
pub fn books_by_form(outlet: &Outlet, booking: &Booking, service: Service) -> bool {
    booking_links(outlet, booking, Lang::Zh)
        .iter()
        .any(|l| l.what == Bookable::Service(service) && l.target == BookingTarget::Form)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth::generate_dataset;

    fn outlet(status: OutletStatus) -> Outlet {
        let mut o = generate_dataset(1, 7).unwrap().outlets.remove(0);
        o.status = status;
        o.id = "evh-上海 01&x".into();
        o.services = [Service::Sales, Service::TestDrive, Service::AfterSales]
            .into_iter()
            .collect();
        o
    }

    fn booking(pairs: &[(&str, &str)]) -> Booking {
        Booking::from_links(pairs.iter().copied()).unwrap()
    }

    #[test]
    fn fills_each_placeholder_encoded() {
        let o = outlet(OutletStatus::Open);
        let b = booking(&[(
            "test_drive",
            "https://crm.brand.cn/td?store={id}&s={service}&lang={lang}&city={city}",
        )]);
        let links = booking_links(&o, &b, Lang::En);
        assert_eq!(links.len(), 1);
        let city = percent_encode(o.city.get(Lang::En));
        assert_eq!(
            links[0].target,
            BookingTarget::Link(format!("https://crm.brand.cn/td?store=evh-%E4%B8%8A%E6%B5%B7%2001%26x&s=test_drive&lang=en&city={city}"))
        );
        assert_eq!(links[0].what, Bookable::Service(Service::TestDrive));
    }

    #[test]
    fn only_services_offered_and_configured_in_catalogue_order() {
        let o = outlet(OutletStatus::Open);
        let b = booking(&[
            ("after_sales", "https://a.cn/s"),
            ("body_paint", "https://a.cn/b"),
            ("test_drive", "https://a.cn/t"),
            ("notify", "https://a.cn/n"),
        ]);
        let what: Vec<_> = booking_links(&o, &b, Lang::Zh)
            .into_iter()
            .map(|l| l.what)
            .collect();
        assert_eq!(
            what,
            [
                Bookable::Service(Service::TestDrive),
                Bookable::Service(Service::AfterSales)
            ]
        );
    }

    #[test]
    fn coming_soon_gets_notify_only_and_relocated_nothing() {
        let b = booking(&[
            ("test_drive", "https://a.cn/t"),
            ("notify", "https://a.cn/n?o={id}"),
        ]);
        let soon = booking_links(&outlet(OutletStatus::ComingSoon), &b, Lang::Zh);
        assert_eq!(
            soon.iter().map(|l| l.what).collect::<Vec<_>>(),
            [Bookable::Notify]
        );
        assert!(booking_links(&outlet(OutletStatus::Relocated), &b, Lang::Zh).is_empty());
        let no_notify = booking(&[("test_drive", "https://a.cn/t")]);
        assert!(booking_links(&outlet(OutletStatus::ComingSoon), &no_notify, Lang::Zh).is_empty());
    }

    #[test]
    fn hostile_or_broken_templates_are_refused() {
        use TemplateProblem::*;
        for (t, p) in [
            ("javascript:alert(1)", NotHttps),
            ("data:text/html,x", NotHttps),
            ("//evil.cn/x", NotHttps),
            ("http://crm.brand.cn/td", NotHttps),
            ("https://{city}.evil.cn/", BadHost),
            ("https://user@evil.cn/", BadHost),
            ("https:///path", BadHost),
            ("https://a.cn/x?{store}", UnknownPlaceholder("store".into())),
            ("https://a.cn/x?{id", UnpairedBrace),
            ("https://a.cn/x?id}", UnpairedBrace),
            ("https://a.cn/x\"onmouseover=\"x", BadCharacter),
            ("https://a.cn/<script>", BadCharacter),
            ("https://a.cn/a b", BadCharacter),
        ] {
            assert_eq!(LinkTemplate::parse(t), Err(p), "{t}");
        }
        assert!(LinkTemplate::parse("http://localhost:8080/td?id={id}").is_ok());
        assert!(LinkTemplate::parse("HTTPS://CRM.brand.cn/td").is_ok());
    }

    #[test]
    fn unknown_keys_are_refused_and_later_keys_win() {
        let e = Booking::from_links([("test-drive", "https://a.cn/")]).unwrap_err();
        assert_eq!(e.0, "test-drive");
        assert_eq!(e.2, BookingProblem::UnknownService);
        let b = booking(&[
            ("test_drive", "https://a.cn/1"),
            ("test_drive", "https://a.cn/2"),
        ]);
        let o = outlet(OutletStatus::Open);
        assert_eq!(
            booking_links(&o, &b, Lang::Zh)[0].target,
            BookingTarget::Link("https://a.cn/2".into())
        );
    }

    /// A form that books test drives.
    fn test_drive_form() -> BookingForm {
        BookingForm {
            endpoint: "/api/leads".into(),
            services: [Service::TestDrive].into_iter().collect(),
            consent: None,
            privacy_url: None,
            timeout_s: 15,
        }
    }

    #[test]
    fn the_form_takes_the_services_it_lists() {
        let mut b = booking(&[
            ("test_drive", "https://a.cn/t"),
            ("after_sales", "https://a.cn/s"),
        ]);
        b.form = Some(test_drive_form());
        let o = outlet(OutletStatus::Open);
        let links = booking_links(&o, &b, Lang::Zh);
        assert_eq!(links[0].target, BookingTarget::Form);
        assert_eq!(
            links[1].target,
            BookingTarget::Link("https://a.cn/s".into())
        );
        assert!(books_by_form(&o, &b, Service::TestDrive));
        assert!(!books_by_form(&o, &b, Service::AfterSales));
        assert!(!books_by_form(
            &outlet(OutletStatus::ComingSoon),
            &b,
            Service::TestDrive
        ));
        assert!(is_endpoint_url("/api/leads") && is_endpoint_url("https://crm.brand.cn/l"));
        assert!(
            !is_endpoint_url("//evil.cn/") && !is_endpoint_url("/a b") && !is_endpoint_url("x")
        );
    }

    #[test]
    fn an_outlets_own_page_takes_the_place_of_the_link_and_the_form() {
        let mut b = booking(&[("after_sales", "https://a.cn/s?o={id}")]);
        b.form = Some(test_drive_form());
        let mut o = outlet(OutletStatus::Open);
        o.booking = [
            (
                Bookable::Service(Service::Sales),
                "https://dealer.cn/visit".into(),
            ),
            (
                Bookable::Service(Service::TestDrive),
                "https://dealer.cn/td".into(),
            ),
            (
                Bookable::Service(Service::AfterSales),
                "https://dealer.cn/s".into(),
            ),
        ]
        .into();
        let links = booking_links(&o, &b, Lang::En);
        // Sales is not booked by the configuration: its own page alone does not show.
        assert_eq!(
            links,
            [
                BookingLink {
                    what: Bookable::Service(Service::TestDrive),
                    target: BookingTarget::Link("https://dealer.cn/td".into())
                },
                BookingLink {
                    what: Bookable::Service(Service::AfterSales),
                    target: BookingTarget::Link("https://dealer.cn/s".into())
                },
            ]
        );
        assert!(!books_by_form(&o, &b, Service::TestDrive));
        // Nothing configured: nothing shown.
        assert!(booking_links(&o, &Booking::default(), Lang::En).is_empty());
        // A coming-soon outlet's own "notify me" page, when notify is booked.
        let mut soon = outlet(OutletStatus::ComingSoon);
        soon.booking = [(Bookable::Notify, "https://dealer.cn/n".into())].into();
        let notify = booking(&[("notify", "https://a.cn/n")]);
        assert_eq!(
            booking_links(&soon, &notify, Lang::Zh)[0].target,
            BookingTarget::Link("https://dealer.cn/n".into())
        );
    }
}
