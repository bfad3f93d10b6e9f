//! Command-line flags, parsed by clap into plain values; `main.rs` turns them into library objects.

use clap::{Args as ClapArgs, Parser, Subcommand, ValueEnum};

/// Find the actors and topics of news articles.
#[derive(Debug, Parser)]
#[command(name = "newsmark", version, about)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Scan text files (or standard input, `-`) and print the matches and a summary.
    Scan(ScanArgs),
    /// Print the merged dictionary as JSON.
    Dict(DictArgs),
    /// Validate dictionary files: errors name the file, entry and field; warnings flag likely mistakes.
    Check {
        /// Dictionary files (JSON), each checked on top of the default dictionary.
        #[arg(required = true)]
        files: Vec<String>,
    },
    /// Print the DOM rules (block and skipped elements) as JSON, as the browser code receives them.
    #[command(hide = true)]
    DomRules,
}

/// Which dictionaries to use.
#[derive(Debug, ClapArgs)]
pub struct DictArgs {
    /// A dictionary (JSON) merged over the default; repeat to stack several, later ones win.
    #[arg(long, value_name = "FILE")]
    pub dict: Vec<String>,
    /// Leave out the embedded default dictionary.
    #[arg(long)]
    pub no_default: bool,
}

#[derive(Debug, ClapArgs)]
pub struct ScanArgs {
    #[command(flatten)]
    pub dict: DictArgs,
    /// Output format. With `jsonl` and input `-`, standard input holds one {"id", "text"} object per line.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
    /// Read the inputs as HTML and scan their visible text (scripts and styles skipped, blocks kept apart).
    #[arg(long)]
    pub html: bool,
    /// Print only the summary of each input (counts), not the matches.
    #[arg(long)]
    pub summary: bool,
    /// Input files; `-` (the default) is standard input.
    #[arg(value_name = "FILE")]
    pub inputs: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One pretty JSON object per input.
    Json,
    /// One JSON object per line.
    Jsonl,
    /// Human-readable lines.
    Text,
}
