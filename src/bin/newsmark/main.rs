//! The `newsmark` command: the core engine over text files, for corpus pipelines and for checking
//! dictionaries. It is glue: flags become library objects, results become JSON or text, and every
//! error becomes one line on stderr with exit code 2, before anything is printed to stdout.

mod args;
mod html;
mod output;

use std::io::{BufRead, Write};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::Parser;
use newsmark::{DictionaryBuilder, Matcher};

use args::{Args, Command, DictArgs, Format, ScanArgs};

fn main() -> ExitCode {
    match run(Args::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // One line, whatever the chain: the outer context names the input.
            let message = format!("{error:#}").replace('\n', " ");
            eprintln!("newsmark: error: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: Args) -> Result<()> {
    match args.command {
        Command::Scan(scan) => run_scan(&scan),
        Command::Dict(dict) => {
            let dictionary = build_dictionary(&dict)?;
            write_stdout(format!("{}\n", dictionary.to_json()).as_bytes())
        }
        Command::Check { files } => run_check(&files),
        Command::DomRules => {
            write_stdout(format!("{}\n", newsmark::dom_rules::rules_json()).as_bytes())
        }
    }
}

fn build_dictionary(args: &DictArgs) -> Result<newsmark::Dictionary> {
    let mut builder = if args.no_default {
        DictionaryBuilder::new()
    } else {
        DictionaryBuilder::new().with_builtin()?
    };
    for path in &args.dict {
        let json = read_file(path)?;
        builder.add_json(path, &json)?;
    }
    Ok(builder.build()?)
}

fn read_file(path: &str) -> Result<String> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read '{path}'"))?;
    String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "'{path}': not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

fn write_stdout(bytes: &[u8]) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        // A closed pipe (`newsmark scan ... | head`) is the reader's choice, not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("cannot write to standard output"),
    }
}

fn run_scan(args: &ScanArgs) -> Result<()> {
    let matcher = Matcher::new(build_dictionary(&args.dict)?)?;
    let inputs: Vec<&str> = if args.inputs.is_empty() {
        vec!["-"]
    } else {
        args.inputs.iter().map(String::as_str).collect()
    };
    if args.format == Format::Jsonl && inputs == ["-"] {
        return scan_jsonl_stream(&matcher, args);
    }
    // Everything is scanned before anything is printed, so a bad input leaves no partial output.
    let mut out = Vec::new();
    for input in inputs {
        let raw = if input == "-" {
            let mut text = String::new();
            std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
                .context("cannot read standard input as UTF-8 text")?;
            text
        } else {
            read_file(input)?
        };
        let document = output::Document::scan(&matcher, input, &raw, args.html);
        document.write(&mut out, args.format, args.summary)?;
    }
    write_stdout(&out)
}

/// `--format jsonl` on standard input: one `{"id", "text"}` object per line in, one result per line
/// out, flushed line by line so the command works as a filter in corpus pipelines.
fn scan_jsonl_stream(matcher: &Matcher, args: &ScanArgs) -> Result<()> {
    let stdin = std::io::stdin().lock();
    let mut stdout = std::io::stdout().lock();
    for (number, line) in stdin.lines().enumerate() {
        let line =
            line.with_context(|| format!("standard input, line {}: cannot read", number + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let record = output::Record::parse(&line)
            .with_context(|| format!("standard input, line {}", number + 1))?;
        let document = output::Document::scan(matcher, &record.id_label(), &record.text, args.html);
        let mut out = Vec::new();
        document.write_record(&mut out, "id", record.id, args.summary)?;
        match stdout.write_all(&out).and_then(|()| stdout.flush()) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(()),
            other => other.context("cannot write to standard output")?,
        }
    }
    Ok(())
}

fn run_check(files: &[String]) -> Result<()> {
    if files.is_empty() {
        bail!("check needs at least one dictionary file");
    }
    let mut report = String::new();
    for path in files {
        let json = read_file(path)?;
        // A user dictionary may use the default's categories, so each file is checked as it would be
        // used: on top of the default dictionary.
        let mut builder = DictionaryBuilder::new().with_builtin()?;
        builder.add_json(path, &json)?;
        let dictionary = builder.build()?;
        let own = entry_ids(&json);
        let warnings: Vec<_> = dictionary
            .warnings()
            .into_iter()
            .filter(|w| w.entries.iter().any(|id| own.contains(id)))
            .collect();
        for warning in &warnings {
            report.push_str(&format!("{path}: warning: {}\n", warning.message));
        }
        report.push_str(&format!(
            "{path}: ok ({} entries, {} warnings)\n",
            own.len(),
            warnings.len()
        ));
    }
    write_stdout(report.as_bytes())
}

/// The entry ids a dictionary file defines (it has parsed already, so this cannot fail).
fn entry_ids(json: &str) -> Vec<String> {
    let value: serde_json::Value = serde_json::from_str(json).unwrap_or_default();
    value["entries"]
        .as_array()
        .map(|entries| {
            entries
                .iter()
                .filter_map(|e| e["id"].as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_are_consistent() {
        use clap::CommandFactory;
        Args::command().debug_assert();
    }
}
