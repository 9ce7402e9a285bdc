//! Packed datasets: any bytes as the output of `evl-data pack`.
//!
//! Checks, beyond not panicking: a pack that reads is consistent (unique
//! ids, relocations to outlets of the file, positions in range, a default
//! order over every outlet), and packing what was read gives it back.
//! Inputs that do not start with the magic bytes are given them, so the
//! fuzzer spends its time past the header.

#![no_main]

use libfuzzer_sys::fuzz_target;
use locator_core::{is_pack, pack, Dataset, LatLng, PACK_MAGIC};

fuzz_target!(|data: &[u8]| {
    let owned;
    let bytes = if is_pack(data) {
        data
    } else {
        owned = [PACK_MAGIC.as_slice(), data].concat();
        &owned
    };
    let Ok(d) = Dataset::from_pack(bytes) else {
        return;
    };
    for (i, o) in d.outlets.iter().enumerate() {
        assert_eq!(d.index_of(&o.id), Some(i), "ids are unique");
        if let Some(to) = &o.relocated_to {
            assert!(d.index_of(to).is_some(), "relocated to a kept outlet");
        }
        assert!(LatLng::new(o.location.lat, o.location.lng).is_ok());
    }
    assert_eq!(d.default_order().len(), d.outlets.len());
    let again = Dataset::from_pack(&pack(&d)).expect("a pack of what was read reads");
    assert_eq!(again.meta, d.meta);
    assert_eq!(again.outlets, d.outlets);
});
