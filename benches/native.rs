//! `make bench-native` (`cargo bench --bench native`): the native throughput of `Matcher::find` with
//! the default dictionary, next to a bare Aho-Corasick pass over the same aliases in the same run.
//!
//! The corpus is ~100 MB of news-like text generated deterministically from `www/seed-article.txt`
//! (its sentences shuffled, mixed with filler sentences that name dictionary entries now and then),
//! cut into articles of 5–50 KB as a corpus pipeline would feed them, most of them with curly quotes
//! and dashes. One thread; a warm-up pass, then several measured runs with the engines alternating.
//! Throughput and build times count this thread's CPU time where Linux reports it (schedstat), so
//! other jobs on a shared machine do not skew them; wall-clock MB/s is reported next to it. Also
//! measured: the browser bench's 100,000-alias dictionary built natively (diagnostics, not targets).
//!
//! Prints a table and writes `target/bench/native.json`. Environment: `BENCH_MB` (corpus size in MB,
//! default 100), `BENCH_RUNS` (measured runs, default 5).
//!
//! Run by `cargo test --all-targets` (without `--bench`), it is a quick smoke test on a small corpus
//! and writes nothing.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Instant;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use newsmark::{Dictionary, DictionaryBuilder, Matcher};
use serde_json::{json, Value};

const SEED_ARTICLE: &str = include_str!("../www/seed-article.txt");
const MB: f64 = 1e6;
const GOAL_MB_S: f64 = 200.0;
const GOAL_BARE_RATIO: f64 = 0.8;

/// Common words of news prose, for the filler sentences (some are topic aliases, as in real news).
const WORDS: &str =
    "the of and to in a that for on with as was is by at from his her their its an have has had \
    were would could will said says told officials government minister president week year month \
    talks meeting agreement deal plan policy security economy market prices trade border region \
    country capital city people report statement spokesman spokeswoman according after before \
    during while since also however including about more than new last first two three several \
    many other some most former senior local foreign national international public political \
    economic military support pressure concerns response decision election vote parliament \
    leaders forces troops aid funding budget tax energy oil gas power water health schools \
    workers companies investors analysts experts observers critics residents families children \
    police court law rules measures steps efforts crisis conflict ceasefire negotiations visit \
    summit delegation announced warned denied agreed rejected expected planned called urged \
    pledged signed met held began ended remained reached raised cut increase decline growth \
    record higher lower strong weak major key significant possible likely unclear recent ongoing \
    further early late next this that these those which who whose where when but or not no all \
    any each both between against under over into through across";

/// A small deterministic generator (SplitMix64): the corpus is the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn pick<'a, T: ?Sized>(&mut self, items: &[&'a T]) -> &'a T {
        items[self.below(items.len())]
    }
}

/// The sentences of the seed article (its headline and footer lines count as sentences).
fn seed_sentences() -> Vec<String> {
    let mut out = Vec::new();
    for line in SEED_ARTICLE
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        let mut rest = line;
        while let Some(i) = rest.find(". ") {
            out.push(rest[..=i].to_string());
            rest = &rest[i + 2..];
        }
        if !rest.is_empty() {
            out.push(rest.to_string());
        }
    }
    out
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// A filler sentence of common words, sometimes naming a dictionary entry, a number or a quote.
fn filler_sentence(rng: &mut Rng, words_list: &[&str], aliases: &[&str]) -> String {
    let len = 8 + rng.below(17);
    let mut words: Vec<String> = (0..len).map(|_| rng.pick(words_list).to_string()).collect();
    let names = usize::from(rng.chance(0.2));
    for _ in 0..names {
        let at = rng.below(words.len());
        words.insert(at, rng.pick(aliases).to_string());
    }
    if rng.chance(0.15) {
        let at = rng.below(words.len());
        let number = match rng.below(3) {
            0 => format!("{}", 1990 + rng.below(36)),
            1 => format!("{}.{} percent", rng.below(20), rng.below(10)),
            _ => format!("${} billion", 1 + rng.below(900)),
        };
        words.insert(at, number);
    }
    if rng.chance(0.3) {
        let at = 2 + rng.below(words.len() - 2);
        words[at - 1].push(',');
    }
    words[0] = capitalize(&words[0]);
    let body = words.join(" ");
    if rng.chance(0.12) {
        format!("\"{body},\" an official said.")
    } else if rng.chance(0.05) {
        format!("{body} - and the {} didn't comment.", rng.pick(words_list))
    } else {
        format!("{body}.")
    }
}

/// Curly apostrophes and quotes, em dashes: what half of the published articles look like.
fn typeset(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 50);
    let mut open = true;
    for c in text.chars() {
        match c {
            '\'' => out.push('\u{2019}'),
            '"' => {
                out.push(if open { '\u{201C}' } else { '\u{201D}' });
                open = !open;
            }
            _ => out.push(c),
        }
    }
    out.replace(" - ", " \u{2014} ")
}

/// Articles of 5–50 KB (log-uniform) until `total` bytes.
fn corpus(total: usize, aliases: &[&str]) -> Vec<String> {
    let seed = seed_sentences();
    let seed: Vec<&str> = seed.iter().map(String::as_str).collect();
    let words: Vec<&str> = WORDS.split_whitespace().collect();
    let mut rng = Rng(0x6E65_7773_6D61_726B);
    let mut articles = Vec::new();
    let mut bytes = 0;
    while bytes < total {
        let size = (5_000.0 * 10f64.powf(rng.unit())) as usize;
        let mut article = String::with_capacity(size + 512);
        let headline: Vec<String> = (0..6 + rng.below(5))
            .map(|_| capitalize(rng.pick(&words)))
            .collect();
        article.push_str(&headline.join(" "));
        article.push_str("\n\n");
        while article.len() < size {
            for i in 0..2 + rng.below(5) {
                if i > 0 {
                    article.push(' ');
                }
                if rng.chance(0.15) {
                    article.push_str(rng.pick(&seed));
                } else {
                    article.push_str(&filler_sentence(&mut rng, &words, aliases));
                }
            }
            article.push_str("\n\n");
        }
        if rng.chance(0.5) {
            article = typeset(&article);
        }
        bytes += article.len();
        articles.push(article);
    }
    articles
}

const SYLLABLES: &str = "ka ri mo va len dor ush tem bra qui zel fan gor hin jas kov lum nir osk pra \
    sev tul vek wyn xan yor zub ad el in on ur bel cas dru eth fis gal har ist jor kel mar nov ost pel \
    rad sor tan ulm ves zor";

/// The shape of the browser bench's 100k dictionary: the default's first 1,000 aliases (so a text
/// has the same matches as with 1,000) plus invented names of one to three words, 4 per entry.
fn synthetic_json(dictionary: &Dictionary, total: usize) -> String {
    let mut value: Value =
        serde_json::from_str(&dictionary.to_json()).expect("the dictionary's JSON parses");
    let mut entries = Vec::new();
    let mut left = 1000usize;
    for entry in value["entries"].as_array().expect("entries").iter() {
        if left == 0 {
            break;
        }
        let mut entry = entry.clone();
        let keep: Vec<Value> = entry["aliases"]
            .as_array()
            .map(|a| a.iter().take(left).cloned().collect())
            .unwrap_or_default();
        left -= keep.len();
        entry["aliases"] = Value::Array(keep);
        entries.push(entry);
    }
    let categories: Vec<(String, Value)> = value["categories"]
        .as_object()
        .expect("categories")
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let syllables: Vec<&str> = SYLLABLES.split_whitespace().collect();
    let mut rng = Rng(0x006E_6577);
    let word = |rng: &mut Rng| {
        let n = 2 + rng.below(3);
        let w: String = (0..n).map(|_| rng.pick(&syllables)).collect();
        capitalize(&w)
    };
    let mut seen = HashSet::new();
    let mut count = 1000;
    let mut e = 0;
    while count < total {
        let mut aliases = Vec::new();
        while aliases.len() < 4 && count < total {
            let words = 1 + rng.below(3);
            let alias = (0..words)
                .map(|_| word(&mut rng))
                .collect::<Vec<_>>()
                .join(" ");
            if seen.insert(alias.clone()) {
                aliases.push(alias);
                count += 1;
            }
        }
        let (category, definition) = &categories[e % categories.len()];
        entries.push(json!({
            "id": format!("synthetic-{e}"),
            "label": aliases[0],
            "kind": definition["kind"],
            "category": category,
            "aliases": aliases,
        }));
        e += 1;
    }
    value["entries"] = Value::Array(entries);
    value["name"] = json!("synthetic 100k");
    serde_json::to_string(&value).expect("serialise")
}

/// Resident set size of this process, in bytes (Linux; 0 elsewhere).
fn rss_bytes() -> usize {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<usize>().ok())
        })
        .map_or(0, |kb| kb * 1024)
}

#[derive(Clone, Copy)]
struct Stats {
    median: f64,
    min: f64,
    max: f64,
}

fn stats(values: &[f64]) -> Stats {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    let median = if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    };
    Stats {
        median,
        min: v[0],
        max: v[n - 1],
    }
}

fn stats_json(s: Stats) -> Value {
    json!({"median": round(s.median), "min": round(s.min), "max": round(s.max)})
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// One engine of the comparison: how it scans a text, counting matches.
struct Pass<'a> {
    name: String,
    scan: Box<dyn Fn(&str) -> usize + 'a>,
    /// Throughput of each measured run, MB/s of CPU time (wall clock where CPU time is unknown).
    runs: Vec<f64>,
    /// Throughput of each measured run, MB/s of wall-clock time.
    wall: Vec<f64>,
    matches: usize,
}

/// CPU time of this thread in nanoseconds (Linux schedstat), if the kernel reports it: on a shared
/// machine it does not count the time other processes held the core.
fn thread_cpu_ns() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}

/// Times a build: milliseconds of this thread's CPU time where known, of wall clock otherwise.
struct Clock {
    wall: Instant,
    cpu: Option<u64>,
}

impl Clock {
    fn start() -> Clock {
        Clock {
            cpu: thread_cpu_ns(),
            wall: Instant::now(),
        }
    }

    fn ms(&self) -> f64 {
        match (self.cpu, thread_cpu_ns()) {
            (Some(a), Some(b)) if b >= a => (b - a) as f64 / 1e6,
            _ => self.wall.elapsed().as_secs_f64() * 1000.0,
        }
    }
}

/// One timed pass over the corpus: (MB/s wall clock, MB/s CPU time if known, matches).
fn time_pass(pass: &Pass, corpus: &[String], bytes: usize) -> (f64, Option<f64>, usize) {
    let cpu_start = thread_cpu_ns();
    let start = Instant::now();
    let mut matches = 0;
    for text in corpus {
        matches += (pass.scan)(black_box(text.as_str()));
    }
    let seconds = start.elapsed().as_secs_f64();
    let cpu = match (cpu_start, thread_cpu_ns()) {
        (Some(a), Some(b)) if b > a => Some(bytes as f64 / MB / ((b - a) as f64 / 1e9)),
        _ => None,
    };
    (bytes as f64 / MB / seconds, cpu, black_box(matches))
}

fn bare(aliases: &[&str], kind: Option<AhoCorasickKind>, kind_name: &str) -> (AhoCorasick, f64) {
    let start = Clock::start();
    let automaton = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .kind(kind)
        .build(aliases)
        .unwrap_or_else(|e| panic!("bare {kind_name} automaton: {e}"));
    (automaton, start.ms())
}

fn command_output(program: &str, args: &[&str]) -> Option<String> {
    let out = std::process::Command::new(program)
        .args(args)
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

fn machine() -> Value {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu = cpuinfo
        .lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split(':').nth(1))
        .map_or_else(|| "unknown".to_string(), |s| s.trim().to_string());
    let memory = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("MemTotal:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
        })
        .map_or(0, |kb| kb * 1024);
    json!({
        "cpu": cpu,
        "cores": std::thread::available_parallelism().map_or(1, usize::from),
        "memory_bytes": memory,
        "rustc": command_output("rustc", &["--version"]).unwrap_or_default(),
        "os": command_output("uname", &["-sr"]).unwrap_or_default(),
        "date": command_output("date", &["-u", "+%Y-%m-%dT%H:%M:%SZ"]).unwrap_or_default(),
        "commit": command_output("git", &["rev-parse", "--short", "HEAD"]).unwrap_or_default(),
    })
}

/// The 1-, 5- and 15-minute load averages (Linux).
fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

/// "bare AC leftmost-longest, DFA" → "leftmost-longest, DFA".
fn bare_name(name: &str) -> &str {
    name.strip_prefix("bare AC ").unwrap_or(name)
}

fn env_number(name: &str, default: f64) -> f64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let (corpus_bytes, runs) = if full {
        (
            (env_number("BENCH_MB", 100.0) * MB) as usize,
            env_number("BENCH_RUNS", 5.0).max(1.0) as usize,
        )
    } else {
        (300_000, 1)
    };

    // Build first, in a fresh process, so the RSS delta is the dictionary and automaton alone.
    let rss_before = rss_bytes();
    let start = Clock::start();
    let dictionary = Dictionary::builtin();
    let first_dictionary_ms = start.ms();
    let start = Clock::start();
    let matcher = Matcher::new(dictionary.clone()).expect("the default dictionary compiles");
    let first_automaton_ms = start.ms();
    let rss_delta = rss_bytes().saturating_sub(rss_before);

    // CPU time is read from schedstat, which the kernel updates at each tick (a few ms), so each
    // sample times a batch of builds.
    let (build_runs, batch) = if full { (7, 5) } else { (1, 1) };
    let mut dictionary_ms = Vec::new();
    let mut automaton_ms = Vec::new();
    for _ in 0..build_runs {
        let start = Clock::start();
        let dictionaries: Vec<Dictionary> = (0..batch).map(|_| Dictionary::builtin()).collect();
        dictionary_ms.push(start.ms() / batch as f64);
        let start = Clock::start();
        for d in dictionaries {
            black_box(Matcher::new(d).expect("compiles"));
        }
        automaton_ms.push(start.ms() / batch as f64);
    }
    let total_ms: Vec<f64> = dictionary_ms
        .iter()
        .zip(&automaton_ms)
        .map(|(a, b)| a + b)
        .collect();

    let mut seen = HashSet::new();
    let aliases: Vec<&str> = dictionary
        .entries()
        .iter()
        .flat_map(|e| e.aliases.iter().map(|a| a.text.as_str()))
        .filter(|a| seen.insert(*a))
        .collect();
    // Diagnostic: the browser bench's 100,000-alias dictionary, built natively (full runs only).
    let big = full.then(|| {
        let json = synthetic_json(&dictionary, 100_000);
        let mut parse_ms = Vec::new();
        let mut build_ms = Vec::new();
        let mut kept = None;
        for _ in 0..3 {
            let rss_before = rss_bytes();
            let start = Clock::start();
            let mut builder = DictionaryBuilder::new();
            builder
                .add_json("synthetic", &json)
                .expect("the synthetic dictionary parses");
            let d = builder.build().expect("the synthetic dictionary merges");
            parse_ms.push(start.ms());
            let start = Clock::start();
            let m = Matcher::new(d).expect("the synthetic dictionary compiles");
            build_ms.push(start.ms());
            let rss = rss_bytes().saturating_sub(rss_before);
            kept.get_or_insert((m, rss));
        }
        let (m, rss) = kept.expect("three builds");
        // How much of Matcher::new is the aho-corasick build itself: the same aliases, lower-cased,
        // as a bare contiguous NFA with newsmark's match kind.
        let value: Value = serde_json::from_str(&json).expect("parses");
        let keys: Vec<String> = value["entries"]
            .as_array()
            .expect("entries")
            .iter()
            .flat_map(|e| e["aliases"].as_array().cloned().unwrap_or_default())
            .filter_map(|a| {
                a.as_str()
                    .or_else(|| a["text"].as_str())
                    .map(str::to_lowercase)
            })
            .collect();
        let start = Clock::start();
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&keys)
            .expect("bare 100k automaton");
        let bare_ms = start.ms();
        let bare_bytes = automaton.memory_usage();
        drop(automaton);
        let start = Clock::start();
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::NoncontiguousNFA))
            .build(&keys)
            .expect("bare 100k automaton");
        let nc_ms = start.ms();
        let nc_bytes = automaton.memory_usage();
        (
            m,
            rss,
            json.len(),
            stats(&parse_ms),
            stats(&build_ms),
            (bare_ms, bare_bytes, nc_ms, nc_bytes),
        )
    });
    let (bare_default, bare_default_ms) = bare(&aliases, None, "default");
    let (bare_dfa, bare_dfa_ms) = bare(&aliases, Some(AhoCorasickKind::DFA), "DFA");
    let default_kind = format!("{:?}", bare_default.kind());
    // Diagnostic only: the automaton work newsmark does (every overlapping candidate, standard
    // semantics, DFA), without normalisation, boundary checks or offset mapping.
    let overlapping = AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .ascii_case_insensitive(true)
        .kind(Some(AhoCorasickKind::DFA))
        .build(&aliases)
        .expect("bare overlapping automaton");

    let start = Instant::now();
    let articles = corpus(corpus_bytes, &aliases);
    let generate_s = start.elapsed().as_secs_f64();
    let bytes: usize = articles.iter().map(String::len).sum();
    let non_ascii = articles.iter().filter(|a| !a.is_ascii()).count();

    let mut passes = vec![
        Pass {
            name: "newsmark Matcher::find".into(),
            scan: Box::new(|t| matcher.find(t).len()),
            runs: Vec::new(),
            wall: Vec::new(),
            matches: 0,
        },
        Pass {
            name: format!("bare AC leftmost-longest, default kind ({default_kind})"),
            scan: Box::new(|t| bare_default.find_iter(t).count()),
            runs: Vec::new(),
            wall: Vec::new(),
            matches: 0,
        },
        Pass {
            name: "bare AC leftmost-longest, DFA".into(),
            scan: Box::new(|t| bare_dfa.find_iter(t).count()),
            runs: Vec::new(),
            wall: Vec::new(),
            matches: 0,
        },
        Pass {
            name: "(diagnostic) bare AC overlapping, DFA".into(),
            scan: Box::new(|t| overlapping.find_overlapping_iter(t).count()),
            runs: Vec::new(),
            wall: Vec::new(),
            matches: 0,
        },
    ];
    let bare_count = 2;
    if let Some((m, ..)) = &big {
        passes.push(Pass {
            name: "(diagnostic) newsmark Matcher::find, 100k aliases".into(),
            scan: Box::new(move |t| m.find(t).len()),
            runs: Vec::new(),
            wall: Vec::new(),
            matches: 0,
        });
    }

    // Warm-up, then measured runs; the order rotates so no engine always runs first.
    if full {
        for pass in &passes {
            time_pass(pass, &articles, bytes);
        }
    }
    let n = passes.len();
    let load_before = loadavg();
    let mut cpu_known = true;
    for run in 0..runs {
        for k in 0..n {
            let i = (run + k) % n;
            let (wall, cpu, matches) = time_pass(&passes[i], &articles, bytes);
            cpu_known &= cpu.is_some();
            passes[i].runs.push(cpu.unwrap_or(wall));
            passes[i].wall.push(wall);
            passes[i].matches = matches;
        }
    }

    if !full {
        assert!(
            passes[0].matches > 0,
            "newsmark found nothing in the corpus"
        );
        assert!(passes.iter().all(|p| p.runs[0] > 0.0));
        println!(
            "native bench smoke test: ok ({} articles, {} matches; run `make bench-native` to measure)",
            articles.len(),
            passes[0].matches
        );
        return;
    }

    let load_after = loadavg();
    let basis = if cpu_known { "CPU time" } else { "wall clock" };
    let newsmark = stats(&passes[0].runs);
    let (fastest_index, fastest) = (1..=bare_count)
        .map(|i| (i, stats(&passes[i].runs)))
        .max_by(|a, b| a.1.median.total_cmp(&b.1.median))
        .expect("two bare passes");
    let ratio = newsmark.median / fastest.median;
    let targets = [
        (
            "Matcher::find throughput, one core (MB/s)".to_string(),
            newsmark.median,
            GOAL_MB_S,
            format!("{:.0} MB/s", newsmark.median),
            format!("≥ {GOAL_MB_S:.0} MB/s"),
            newsmark.median / GOAL_MB_S,
        ),
        (
            format!(
                "Matcher::find / fastest bare pass ({})",
                bare_name(&passes[fastest_index].name)
            ),
            ratio,
            GOAL_BARE_RATIO,
            format!("{ratio:.2}×"),
            format!("≥ {GOAL_BARE_RATIO}×"),
            ratio / GOAL_BARE_RATIO,
        ),
    ];

    let mut out = String::new();
    let _ = writeln!(
        out,
        "\nnewsmark native benchmark: {:.1} MB in {} articles of 5–50 KB ({} with curly quotes), \
         {} aliases, {runs} measured runs after a warm-up, one thread; MB/s of {basis} \
         (load average {load_before} before, {load_after} after)",
        bytes as f64 / MB,
        articles.len(),
        non_ascii,
        aliases.len()
    );
    let _ = writeln!(
        out,
        "\n{:<56} {:>8} {:>15} {:>10} {:>10} {:>13}",
        "pass", "MB/s", "min–max", "wall MB/s", "matches", "vs best bare"
    );
    for pass in &passes {
        let s = stats(&pass.runs);
        let _ = writeln!(
            out,
            "{:<56} {:>8.1} {:>15} {:>10.1} {:>10} {:>12.2}×",
            pass.name,
            s.median,
            format!("{:.1}–{:.1}", s.min, s.max),
            stats(&pass.wall).median,
            pass.matches,
            s.median / fastest.median
        );
    }
    let dms = stats(&dictionary_ms);
    let ams = stats(&automaton_ms);
    let tms = stats(&total_ms);
    let _ = writeln!(
        out,
        "\nbuild (ms of {basis}, median of {build_runs} batches of {batch}, min–max): Dictionary::builtin() {:.1} ms ({:.1}–{:.1}), \
         Matcher::new {:.1} ms ({:.1}–{:.1}), total {:.1} ms; bare default {bare_default_ms:.1} ms, \
         bare DFA {bare_dfa_ms:.1} ms; the first (cold) build {first_dictionary_ms:.1} + \
         {first_automaton_ms:.1} ms",
        dms.median, dms.min, dms.max, ams.median, ams.min, ams.max, tms.median
    );
    let _ = writeln!(
        out,
        "memory: Matcher::memory_usage() {:.2} MB ({} patterns); RSS delta of builtin() + \
         Matcher::new {:.2} MB; bare default {:.2} MB, bare DFA {:.2} MB",
        matcher.memory_usage() as f64 / MB,
        matcher.pattern_count(),
        rss_delta as f64 / MB,
        bare_default.memory_usage() as f64 / MB,
        bare_dfa.memory_usage() as f64 / MB,
    );
    if let Some((m, rss, json_bytes, parse, build, (bare_ms, bare_bytes, nc_ms, nc_bytes))) = &big {
        let _ = writeln!(
            out,
            "100k aliases (synthetic, {:.1} MB of JSON; ms of {basis}, median of 3): parse + merge {:.0} ms, \
             Matcher::new {:.0} ms; memory_usage() {:.1} MB, RSS delta of the first build {:.1} MB; \
             the same aliases as a bare contiguous NFA: {:.0} ms ({:.1} MB), as a bare \
             noncontiguous NFA: {:.0} ms ({:.1} MB)",
            *json_bytes as f64 / MB,
            parse.median,
            build.median,
            m.memory_usage() as f64 / MB,
            *rss as f64 / MB,
            bare_ms,
            *bare_bytes as f64 / MB,
            nc_ms,
            *nc_bytes as f64 / MB
        );
    }
    let _ = writeln!(
        out,
        "\n{:<84} {:>10} {:>10} {:>8}  result",
        "target", "measured", "goal", "ratio"
    );
    for (name, _, _, measured, goal, r) in &targets {
        let _ = writeln!(
            out,
            "{name:<84} {measured:>10} {goal:>10} {r:>7.2}×  {}",
            if *r >= 1.0 { "met" } else { "MISSED" }
        );
    }
    print!("{out}");

    let report = json!({
        "machine": machine(),
        "timing": {"basis": basis, "loadavg_before": load_before, "loadavg_after": load_after},
        "corpus": {
            "bytes": bytes,
            "articles": articles.len(),
            "article_bytes": {"min": articles.iter().map(String::len).min(), "max": articles.iter().map(String::len).max()},
            "articles_with_typography": non_ascii,
            "generated_in_s": round(generate_s),
            "source": "www/seed-article.txt sentences shuffled (30%) with filler sentences naming dictionary aliases (70%), SplitMix64 seed 0x6E6577736D61726B",
        },
        "dictionary": {
            "entries": dictionary.entries().len(),
            "aliases": dictionary.alias_count(),
            "distinct_alias_texts": aliases.len(),
            "patterns": matcher.pattern_count(),
        },
        "build_ms": {
            "runs": build_runs,
            "batch": batch,
            "first_dictionary_builtin": round(first_dictionary_ms),
            "first_matcher_new": round(first_automaton_ms),
            "basis": basis,
            "dictionary_builtin": stats_json(dms),
            "matcher_new": stats_json(ams),
            "total": stats_json(tms),
            "bare_default": round(bare_default_ms),
            "bare_dfa": round(bare_dfa_ms),
        },
        "synthetic_100k": big.as_ref().map(|(m, rss, json_bytes, parse, build, (bare_ms, bare_bytes, nc_ms, nc_bytes))| json!({
            "json_bytes": json_bytes,
            "patterns": m.pattern_count(),
            "parse_and_merge_ms": stats_json(*parse),
            "matcher_new_ms": stats_json(*build),
            "memory_usage_bytes": m.memory_usage(),
            "rss_delta_first_build_bytes": rss,
            "bare_contiguous_nfa_ms": round(*bare_ms),
            "bare_contiguous_nfa_bytes": bare_bytes,
            "bare_noncontiguous_nfa_ms": round(*nc_ms),
            "bare_noncontiguous_nfa_bytes": nc_bytes,
        })),
        "memory_bytes": {
            "matcher_memory_usage": matcher.memory_usage(),
            "rss_delta_build": rss_delta,
            "bare_default": bare_default.memory_usage(),
            "bare_dfa": bare_dfa.memory_usage(),
        },
        "passes": passes.iter().map(|p| {
            let s = stats(&p.runs);
            json!({
                "name": p.name,
                "mb_s": stats_json(s),
                "runs_mb_s": p.runs.iter().map(|x| round(*x)).collect::<Vec<_>>(),
                "wall_mb_s": stats_json(stats(&p.wall)),
                "matches": p.matches,
                "vs_fastest_bare": round(s.median / fastest.median),
            })
        }).collect::<Vec<_>>(),
        "targets": targets.iter().map(|(name, measured, goal, _, _, r)| json!({
            "name": name,
            "measured": round(*measured),
            "goal": goal,
            "ratio": round(*r),
            "met": *r >= 1.0,
        })).collect::<Vec<_>>(),
    });
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    std::fs::create_dir_all(&dir).expect("create target/bench");
    let path = dir.join("native.json");
    std::fs::write(
        &path,
        serde_json::to_string_pretty(&report).expect("serialise") + "\n",
    )
    .expect("write native.json");
    println!("\nwrote {}", path.display());
}
