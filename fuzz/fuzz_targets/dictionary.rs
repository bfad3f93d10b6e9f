//! Any bytes as a dictionary file: parsing never panics; what parses builds, compiles, round-trips
//! through `to_json` and satisfies the matcher invariants on its own aliases.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| newsmark_fuzz::check::check_dictionary_bytes(data));
