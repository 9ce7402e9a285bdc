//! Packed datasets: any bytes as the output of `evl-data pack`.
//!
//! Checks, beyond not panicking: a pack that reads is consistent (unique
//! ids, relocations to outlets of the file, positions in range, a default
//! order over every outlet), and packing what was read gives it back.
//! Inputs that do not start with the magic bytes are given them, so the
//! fuzzer spends its time past the header.

#![no_main]

use libfuzzer_sys::fuzz_target;
use locator_core::{is_pack, pack, Dataset, PACK_MAGIC};

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
    d.assert_consistent();
    let again = Dataset::from_pack(&pack(&d)).expect("a pack of what was read reads");
    assert_eq!(again.meta, d.meta);
    assert_eq!(again.outlets, d.outlets);
});
