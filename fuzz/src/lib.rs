//! Shared code of the fuzz targets: the invariants ([`check`], also replayed on stable by
//! `tests/regressions.rs`) and the structured input of the matcher target.

use arbitrary::Arbitrary;

pub mod check;

use check::{dictionary_json, EntrySpec, ATOMS};

/// One character of an alias or a text: a known tricky one, or any.
#[derive(Arbitrary, Debug)]
pub enum Atom {
    Known(u8),
    Char(char),
}

impl Atom {
    fn push_to(&self, out: &mut String) {
        match self {
            Atom::Known(i) => out.push_str(ATOMS[usize::from(*i) % ATOMS.len()]),
            Atom::Char(c) => out.push(*c),
        }
    }
}

fn render_atoms(atoms: &[Atom]) -> String {
    let mut out = String::new();
    for atom in atoms.iter().take(12) {
        atom.push_to(&mut out);
    }
    out
}

#[derive(Arbitrary, Debug)]
pub struct AliasInput {
    atoms: Vec<Atom>,
    sensitive: bool,
}

#[derive(Arbitrary, Debug)]
pub struct EntryInput {
    aliases: Vec<AliasInput>,
    exclude: Vec<Vec<Atom>>,
    topic: bool,
}

/// How an alias is written in the text.
#[derive(Arbitrary, Debug)]
pub enum Variant {
    AsIs,
    Upper,
    Lower,
    /// Its spaces replaced by another separator atom.
    Separated(u8),
    /// Followed by an apostrophe and s.
    Possessive(bool),
    /// A soft hyphen or zero-width space after its first character.
    Invisible(bool),
}

#[derive(Arbitrary, Debug)]
pub enum Piece {
    Alias {
        entry: u8,
        alias: u8,
        variant: Variant,
    },
    Atom(Atom),
    Text(String),
}

/// The matcher target's input: up to 8 entries of up to 6 aliases, and a text of up to 64 pieces.
#[derive(Arbitrary, Debug)]
pub struct MatcherInput {
    entries: Vec<EntryInput>,
    text: Vec<Piece>,
}

impl MatcherInput {
    /// The dictionary JSON and the text.
    pub fn render(&self) -> (String, String) {
        let entries: Vec<EntrySpec> = self
            .entries
            .iter()
            .take(8)
            .map(|e| EntrySpec {
                aliases: e
                    .aliases
                    .iter()
                    .take(6)
                    .map(|a| (render_atoms(&a.atoms), a.sensitive))
                    .collect(),
                exclude: e.exclude.iter().take(2).map(|x| render_atoms(x)).collect(),
                topic: e.topic,
            })
            .collect();
        let mut text = String::new();
        for piece in self.text.iter().take(64) {
            match piece {
                Piece::Atom(atom) => atom.push_to(&mut text),
                Piece::Text(s) => text.push_str(s),
                Piece::Alias {
                    entry,
                    alias,
                    variant,
                } => {
                    let Some(entry) = (!entries.is_empty())
                        .then(|| &entries[usize::from(*entry) % entries.len()])
                    else {
                        continue;
                    };
                    let Some((alias, _)) = (!entry.aliases.is_empty())
                        .then(|| &entry.aliases[usize::from(*alias) % entry.aliases.len()])
                    else {
                        continue;
                    };
                    text.push_str(&written(alias, variant));
                }
            }
        }
        (dictionary_json(&entries), text)
    }
}

fn written(alias: &str, variant: &Variant) -> String {
    match variant {
        Variant::AsIs => alias.to_string(),
        Variant::Upper => alias.to_uppercase(),
        Variant::Lower => alias.to_lowercase(),
        Variant::Separated(i) => {
            let separators = [
                " ", "\u{A0}", "-", "\u{2011}", "\u{2013}", "  ", "\n", " - ",
            ];
            alias.replace(' ', separators[usize::from(*i) % separators.len()])
        }
        Variant::Possessive(curly) => format!("{alias}{}s", if *curly { '\u{2019}' } else { '\'' }),
        Variant::Invisible(soft) => {
            let mut chars = alias.chars();
            let first: String = chars.next().into_iter().collect();
            let mark = if *soft { '\u{AD}' } else { '\u{200B}' };
            format!("{first}{mark}{}", chars.as_str())
        }
    }
}
