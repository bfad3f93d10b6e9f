//! Compacts the default dictionary's JSON sources (`data/*.json`, pretty-printed for people) before
//! they are embedded, so the binary and the wasm module carry no indentation. A source that does not
//! parse fails the build here, naming the file, rather than at run time.

use std::{env, fs, path::Path};

const SOURCES: [&str; 5] = [
    "categories",
    "countries",
    "people",
    "organizations",
    "topics",
];

fn main() {
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    for name in SOURCES {
        let path = format!("data/{name}.json");
        println!("cargo:rerun-if-changed={path}");
        let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
        let value: serde_json::Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path} is not valid JSON: {e}"));
        let compact = serde_json::to_string(&value).expect("a JSON value serialises");
        fs::write(Path::new(&out).join(format!("{name}.json")), compact)
            .expect("OUT_DIR is writable");
    }
}
