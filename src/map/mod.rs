//! Everything Leaflet: the bindings, the schematic base map and the tile
//! layer. The `StoreMap` component wires these to signals.

pub mod basemap;
pub mod leaflet;
pub mod popup;
pub mod tiles;
