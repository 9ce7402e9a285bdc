//! The web team's studio, the part that needs no browser: what a file is
//! ([`source`]), the work in progress and its check against the very rules
//! the app applies ([`work`]), the settings written to `config.json`
//! ([`settings`]), what the team pastes into the brand's pages
//! ([`snippet`]), what is kept in the browser between visits ([`saved`]),
//! and the studio's words in both languages ([`text`]).
//!
//! The page (`src/main.rs`, `src/ui/`) wires these to the browser; the
//! preview is the locator itself, mounted by `locator.js` on the data the
//! work gives.

#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod saved;
pub mod settings;
pub mod snippet;
pub mod source;
pub mod text;
pub mod work;
