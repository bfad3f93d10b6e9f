//! The default dictionary, embedded at compile time so that neither the CLI nor the wasm module fetches
//! anything at run time.
//!
//! Its sources live under `data/` (see `data/README.md` for where the facts come from); they are
//! ordinary dictionaries merged in this order, so a user can read, copy and override any of them.

/// `(name used in errors, JSON)` in merge order.
pub(super) const SOURCES: [(&str, &str); 5] = [
    (
        "data/categories.json",
        include_str!("../../data/categories.json"),
    ),
    (
        "data/countries.json",
        include_str!("../../data/countries.json"),
    ),
    ("data/people.json", include_str!("../../data/people.json")),
    (
        "data/organizations.json",
        include_str!("../../data/organizations.json"),
    ),
    ("data/topics.json", include_str!("../../data/topics.json")),
];
