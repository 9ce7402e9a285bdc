//! The optional raster tile layer over the schematic base map.
//!
//! Tiles that fail to load stay invisible (see `style/main.css`), so the base
//! map shows through instead of broken-image icons.

use super::leaflet::{self, Layer, Map};
use locator_core::TileProvider;

/// The tile layer on the map, if any, and the attribution it added.
#[derive(Default)]
pub struct Tiles {
    current: Option<(String, Layer, String)>,
}

impl Tiles {
    /// Shows `provider`'s tiles (or none), replacing the previous layer and
    /// its attribution, and caps the map's zoom at the provider's maximum.
    pub fn set(&mut self, map: &Map, provider: Option<&TileProvider>) {
        if self.current.as_ref().map(|c| c.0.as_str()) == provider.map(|p| p.id.as_str()) {
            return;
        }
        if let Some((_, layer, attribution)) = self.current.take() {
            layer.remove_layer();
            map.attribution_control().remove_attribution(&attribution);
        }
        let Some(p) = provider else {
            map.set_max_zoom(18.0);
            return;
        };
        let attribution = locator_core::xml_escape(&p.attribution);
        let layer = leaflet::tile_layer(
            &p.url,
            &leaflet::options(&[
                ("subdomains", p.subdomains.as_str().into()),
                ("maxZoom", f64::from(p.max_zoom).into()),
                ("attribution", attribution.as_str().into()),
                ("className", "evl-tiles".into()),
                ("crossOrigin", false.into()),
            ]),
        );
        layer.add_to(map);
        map.set_max_zoom(f64::from(p.max_zoom));
        self.current = Some((p.id.clone(), layer, attribution));
    }
}
