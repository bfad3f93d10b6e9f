//! The default dictionary, embedded at compile time so that neither the CLI nor the wasm module fetches
//! anything at run time.
//!
//! Its sources live under `data/` (see `data/README.md` for where the facts come from); they are
//! ordinary dictionaries merged in this order, so a user can read, copy and override any of them.
//! `build.rs` embeds them compacted (no indentation).

/// `(name used in errors, JSON)` in merge order.
pub(super) const SOURCES: [(&str, &str); 5] = [
    (
        "data/categories.json",
        include_str!(concat!(env!("OUT_DIR"), "/categories.json")),
    ),
    (
        "data/countries.json",
        include_str!(concat!(env!("OUT_DIR"), "/countries.json")),
    ),
    (
        "data/people.json",
        include_str!(concat!(env!("OUT_DIR"), "/people.json")),
    ),
    (
        "data/organizations.json",
        include_str!(concat!(env!("OUT_DIR"), "/organizations.json")),
    ),
    (
        "data/topics.json",
        include_str!(concat!(env!("OUT_DIR"), "/topics.json")),
    ),
];
