//! Text normalisation: the one place that decides which characters count as "the same" for matching.
//!
//! News text is full of typographic variants that a dictionary cannot list one by one: curly and
//! straight apostrophes, NBSP and thin spaces, hyphens, non-breaking hyphens and en dashes inside names
//! ("Kim Jong-un" is "Kim Jong Un"), soft hyphens and zero-width characters inserted by CMSs inside
//! words. Rather than multiplying patterns, both the aliases and the text go through the same
//! [`CharClass`] table, so a pattern compiled from an alias matches every variant, and the text is
//! folded once per scan.
//!
//! The folded text is a new string with different offsets. [`Normalized`] keeps a sparse map from
//! folded offsets back to the original: a list of *runs* in which offsets advance in lock-step. Plain
//! ASCII prose is one run per whitespace collapse, so the map costs almost nothing, and mapping a match
//! back is a binary search. Offsets always land on character boundaries of the original text, so a
//! surrogate pair (or any UTF-8 sequence) is never split.

/// Whether letters are lower-cased.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fold {
    /// Lower-case everything (Unicode simple lower-casing): the key of case-insensitive aliases.
    Case,
    /// Keep letter case, unify only typography: what case-sensitive aliases are compared with.
    Preserve,
}

/// What one character of the input becomes in normalised text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CharClass {
    /// Soft hyphen and zero-width characters: invisible, so they must not break a word.
    Ignorable,
    /// Any white space, hyphen or dash: names are written with either, so they become one space, and
    /// runs of them collapse.
    Separator,
    /// Curly, straight and modifier-letter apostrophes become `'`.
    Apostrophe,
    /// Everything else is kept (and lower-cased under [`Fold::Case`]).
    Other,
}

fn classify(c: char) -> CharClass {
    match c {
        '\u{00AD}' | '\u{034F}' | '\u{180E}' | '\u{200B}' | '\u{200C}' | '\u{200D}'
        | '\u{2060}' | '\u{FEFF}' => CharClass::Ignorable,
        '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{FE63}' | '\u{FF0D}' => CharClass::Separator,
        '\'' | '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{2032}' | '`' | '\u{FF07}' => {
            CharClass::Apostrophe
        }
        c if c.is_whitespace() => CharClass::Separator,
        _ => CharClass::Other,
    }
}

/// Normalises a short string (an alias, or a span being compared with a case-sensitive alias).
///
/// Leading and trailing separators are dropped, so `" Kim Jong-un "` gives `"kim jong un"`.
pub(crate) fn normalize_str(text: &str, fold: Fold) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last_was_separator = true;
    for c in text.chars() {
        match classify(c) {
            CharClass::Ignorable => {}
            CharClass::Separator => {
                if !last_was_separator {
                    out.push(' ');
                    last_was_separator = true;
                }
            }
            CharClass::Apostrophe => {
                out.push('\'');
                last_was_separator = false;
            }
            CharClass::Other => {
                match fold {
                    Fold::Case => out.extend(c.to_lowercase()),
                    Fold::Preserve => out.push(c),
                }
                last_was_separator = false;
            }
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// A run of normalised bytes that map one-to-one onto original bytes — or, when `fixed`, the folded
/// form of one character of another length (Ⱥ is 2 bytes, ⱥ 3), all of whose bytes map to that
/// character's start.
#[derive(Clone, Copy, Debug)]
struct Run {
    normalized: usize,
    original: usize,
    fixed: bool,
}

/// Case-folded text plus the map from its offsets back to the original text.
#[derive(Debug)]
pub(crate) struct Normalized {
    text: String,
    runs: Vec<Run>,
}

/// How each ASCII byte is folded: the fast path for the common case.
const ASCII_FOLD: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = match b as u8 {
            b'A'..=b'Z' => b as u8 + 32,
            b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C | b'-' => b' ',
            b'`' => b'\'',
            other => other,
        };
        b += 1;
    }
    table
};

impl Normalized {
    /// Case-folds `original`, recording where each run of output came from.
    pub(crate) fn new(original: &str) -> Normalized {
        let mut text = String::with_capacity(original.len());
        let mut runs = vec![Run {
            normalized: 0,
            original: 0,
            fixed: false,
        }];
        // Whether the last byte pushed was a separator space (to collapse runs of them).
        let mut last_was_separator = false;
        let bytes = original.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                let folded = ASCII_FOLD[usize::from(b)];
                if folded == b' ' && last_was_separator {
                    i += 1;
                    continue;
                }
                Self::continue_run(&mut runs, text.len(), i);
                // SAFETY-free push: `folded` is ASCII, so the string stays valid UTF-8.
                text.push(char::from(folded));
                last_was_separator = folded == b' ';
                i += 1;
                continue;
            }
            let c = original[i..]
                .chars()
                .next()
                .expect("i is on a char boundary");
            let width = c.len_utf8();
            match classify(c) {
                CharClass::Ignorable => {}
                CharClass::Separator => {
                    if !last_was_separator {
                        runs.push(Run {
                            normalized: text.len(),
                            original: i,
                            fixed: false,
                        });
                        text.push(' ');
                        last_was_separator = true;
                    }
                }
                CharClass::Apostrophe => {
                    runs.push(Run {
                        normalized: text.len(),
                        original: i,
                        fixed: false,
                    });
                    text.push('\'');
                    last_was_separator = false;
                }
                CharClass::Other => {
                    let mut lower = c.to_lowercase();
                    match (lower.next(), lower.next()) {
                        (Some(single), None) if single.len_utf8() == width => {
                            Self::continue_run(&mut runs, text.len(), i);
                            text.push(single);
                        }
                        (first, second) => {
                            // The folded form has another length (or several characters, as for
                            // U+0130): every output character gets a run of its own pointing at
                            // the start of `c`, so no folded offset maps into the next character.
                            for folded in first.into_iter().chain(second).chain(lower) {
                                runs.push(Run {
                                    normalized: text.len(),
                                    original: i,
                                    fixed: true,
                                });
                                text.push(folded);
                            }
                        }
                    }
                    last_was_separator = false;
                }
            }
            i += width;
        }
        Normalized { text, runs }
    }

    /// Starts a new run unless the byte at `normalized` continues the last one.
    #[inline]
    fn continue_run(runs: &mut Vec<Run>, normalized: usize, original: usize) {
        let last = runs.last().expect("runs start non-empty");
        if last.fixed || last.original + (normalized - last.normalized) != original {
            runs.push(Run {
                normalized,
                original,
                fixed: false,
            });
        }
    }

    /// The folded text that patterns run over.
    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// The original offset of the character that produced the folded byte at `normalized`.
    fn original_at(&self, original: &str, normalized: usize) -> usize {
        let run = self.runs[self.runs.partition_point(|r| r.normalized <= normalized) - 1];
        if run.fixed {
            return run.original;
        }
        let mut offset = (run.original + (normalized - run.normalized)).min(original.len());
        while !original.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    /// Maps a non-empty folded span to the original span that produced it: from the start of the
    /// first character to the end of the last, so characters dropped around it (a soft hyphen, a
    /// collapsed space) are never part of a match.
    pub(crate) fn original_span(&self, original: &str, start: usize, end: usize) -> (usize, usize) {
        debug_assert!(start < end, "matches are never empty");
        let first = self.original_at(original, start);
        let last = self.original_at(original, end - 1);
        let last_width = original[last..].chars().next().map_or(0, char::len_utf8);
        (first, last + last_width)
    }
}

/// Whether `c` continues a word: letters, digits and combining marks of any script.
///
/// std's `is_alphanumeric` covers letters, digits and the vowel signs of Indic and other scripts
/// (they are Alphabetic); the combining blocks below add the diacritics that are not, so "Putiń"
/// written with a combining accent is still one word. This avoids a general-category table, which
/// would cost the wasm module some 30 KB.
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric()
        || matches!(c,
            '\u{0300}'..='\u{036F}'   // combining diacritical marks
            | '\u{0483}'..='\u{0489}' // Cyrillic
            | '\u{0591}'..='\u{05C7}' // Hebrew points
            | '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' // Arabic
            | '\u{0900}'..='\u{0DFF}' // Indic marks (the letters are alphabetic already)
            | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' // extended and supplement diacritics
            | '\u{20D0}'..='\u{20FF}' // for symbols
            | '\u{3099}'..='\u{309A}' // kana voicing marks
            | '\u{FE20}'..='\u{FE2F}' // half marks
        )
}

/// Whether `c` belongs to a script written without spaces between words (Chinese, Japanese, Thai,
/// Lao, Khmer, Myanmar) or one whose particles attach to nouns (Korean): there, word boundaries cannot
/// be read off the characters, so an alias matches without them.
pub(crate) fn is_unspaced_script(c: char) -> bool {
    matches!(u32::from(c),
        0x0E00..=0x0EFF     // Thai, Lao
        | 0x1000..=0x109F   // Myanmar
        | 0x1780..=0x17FF   // Khmer
        | 0x1100..=0x11FF   // Hangul Jamo
        | 0x2E80..=0x2FDF   // CJK radicals
        | 0x3005..=0x3007   // CJK marks
        | 0x3040..=0x31FF   // Hiragana, Katakana, Bopomofo, Hangul compatibility Jamo
        | 0x3400..=0x4DBF   // CJK extension A
        | 0x4E00..=0x9FFF   // CJK unified ideographs
        | 0xAC00..=0xD7AF   // Hangul syllables
        | 0xF900..=0xFAFF   // CJK compatibility ideographs
        | 0xFF66..=0xFF9F   // half-width Katakana
        | 0x20000..=0x3FFFF // CJK extensions B and later
    )
}

/// Whether `a` and `b`, adjacent, are inside one word (so a match may not begin or end between them).
pub(crate) fn joins_word(a: char, b: char) -> bool {
    is_word_char(a) && is_word_char(b) && !is_unspaced_script(a) && !is_unspaced_script(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fold(s: &str) -> String {
        Normalized::new(s).text().to_string()
    }

    #[test]
    fn folds_case_and_typography() {
        assert_eq!(fold("Kim Jong-un"), "kim jong un");
        assert_eq!(fold("Kim\u{00A0}Jong\u{2011}Un"), "kim jong un");
        assert_eq!(fold("Russia\u{2019}s"), "russia's");
        assert_eq!(fold("Pu\u{00AD}tin"), "putin");
        assert_eq!(fold("North \n\t Korea"), "north korea");
        assert_eq!(fold("ÉLYSÉE"), "élysée");
        assert_eq!(fold("Kim Jong \u{2013} Un"), "kim jong un");
    }

    #[test]
    fn normalize_str_trims_and_preserves_case_on_request() {
        assert_eq!(normalize_str("  Kim Jong-un ", Fold::Case), "kim jong un");
        assert_eq!(normalize_str("U.S.", Fold::Preserve), "U.S.");
        assert_eq!(normalize_str("\u{00AD}", Fold::Case), "");
    }

    #[test]
    fn spans_map_back_to_original_characters() {
        let original = "Pu\u{00AD}tin  met İstanbul\u{00AD} officials";
        let n = Normalized::new(original);
        let start = n.text().find("putin").unwrap();
        assert_eq!(n.original_span(original, start, start + 5), (0, 7));
        let start = n.text().find("met").unwrap();
        let (s, e) = n.original_span(original, start, start + 3);
        assert_eq!(&original[s..e], "met");
        let start = n.text().find("i\u{307}stanbul").unwrap();
        let end = start + "i\u{307}stanbul".len();
        let (s, e) = n.original_span(original, start, end);
        assert_eq!(&original[s..e], "İstanbul");
    }

    #[test]
    fn word_chars_cover_scripts_and_marks() {
        assert!(is_word_char('é'));
        assert!(is_word_char('\u{0301}'));
        assert!(is_word_char('ж'));
        assert!(is_word_char('٣'));
        assert!(!is_word_char('\''));
        assert!(!joins_word('统', '普'));
        assert!(joins_word('a', 'b'));
    }
}
