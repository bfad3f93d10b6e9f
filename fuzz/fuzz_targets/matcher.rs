//! A small generated dictionary and a text built from its aliases, their variants and odd
//! characters: the matches satisfy the invariants of `check::check_matches`.
//!
//! With `NEWSMARK_FUZZ_CASE_OUT=FILE`, the case is written to FILE as JSON before it is checked:
//! `make fuzz` uses it to turn a crash into a replayable file under fuzz/regressions/matcher/.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsmark_fuzz::{check, MatcherInput};

fuzz_target!(|input: MatcherInput| {
    let (dictionary, text) = input.render();
    if let Some(path) = std::env::var_os("NEWSMARK_FUZZ_CASE_OUT") {
        std::fs::write(path, check::case_json(&dictionary, &text))
            .expect("the case file is writable");
    }
    check::check_case(&dictionary, &text);
});
