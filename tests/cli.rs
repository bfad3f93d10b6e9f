//! The `newsmark` command end to end: the seed article, output formats, streaming, dictionaries and
//! errors (exit code 2, one line on stderr, nothing on stdout).

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/www/seed-article.txt");

fn newsmark(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsmark"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn json(output: &Output) -> Value {
    assert!(
        output.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("stdout is JSON")
}

fn temp_file(name: &str, content: &str) -> String {
    let dir = std::env::temp_dir().join(format!("newsmark-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path.to_string_lossy().into_owned()
}

/// The acceptance criteria of the core engine on the article that started the project.
#[test]
fn seed_article_actors_and_topics() {
    let result = json(&newsmark(&["scan", "--format", "json", SEED], ""));
    assert_eq!(result["file"], SEED);
    let matches = result["matches"].as_array().unwrap();
    let actor = |label: &str| {
        matches
            .iter()
            .find(|m| m["label"] == label && m["kind"] == "actor")
            .unwrap_or_else(|| panic!("{label} not found as an actor"))
    };
    for (label, country) in [
        ("Vladimir Putin", "RUS"),
        ("Kim Jong Un", "PRK"),
        ("Russia", "RUS"),
        ("North Korea", "PRK"),
        ("China", "CHN"),
        ("Iran", "IRN"),
        ("Ukraine", "UKR"),
        ("United States", "USA"),
        ("South Korea", "KOR"),
    ] {
        assert_eq!(actor(label)["country"], country, "{label}");
    }
    let west = matches
        .iter()
        .find(|m| m["entry"] == "west")
        .expect("the West");
    assert_eq!(west["kind"], "actor");
    assert_eq!(west["country"], Value::Null);
    let categories = &result["summary"]["categories"];
    for topic in [
        "space",
        "military",
        "arms",
        "sanctions",
        "conflict",
        "trade",
        "security",
    ] {
        assert!(
            categories[topic].as_u64().unwrap() > 0,
            "topic {topic} not found"
        );
    }
    // Offsets: UTF-16 and bytes agree with the text (the article is ASCII but for typography).
    let text = std::fs::read_to_string(SEED).unwrap();
    for m in matches {
        let (s, e) = (
            m["start_byte"].as_u64().unwrap() as usize,
            m["end_byte"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], m["text"].as_str().unwrap());
        assert_eq!(
            m["start"].as_u64().unwrap() as usize,
            text[..s].encode_utf16().count()
        );
    }
    // The comment-form footer yields nothing.
    let footer = text.find("Please enter your comment!").unwrap();
    assert!(matches
        .iter()
        .all(|m| (m["start_byte"].as_u64().unwrap() as usize) < footer));
    // Co-occurrence ties Russia to arms within sentences.
    let pairs = result["summary"]["cooccurrence"].as_array().unwrap();
    assert!(pairs
        .iter()
        .any(|p| p["actor"] == "rus" && p["topic"] == "arms"));
}

#[test]
fn footer_alone_yields_nothing() {
    let result = json(&newsmark(
        &["scan", "-"],
        "Please enter your comment!\nPlease enter your name here",
    ));
    assert_eq!(result["matches"].as_array().unwrap().len(), 0);
    assert_eq!(result["summary"]["total"], 0);
}

#[test]
fn summary_only() {
    let result = json(&newsmark(&["scan", "--summary", SEED], ""));
    assert!(result.get("matches").is_none());
    assert!(result["summary"]["total"].as_u64().unwrap() > 40);
}

#[test]
fn jsonl_streams_records() {
    let input = "{\"id\": 1, \"text\": \"Putin met Kim Jong Un.\"}\n\n{\"id\": \"b\", \"text\": \"Tell us about it.\"}\n";
    let output = newsmark(&["scan", "--format", "jsonl", "-"], input);
    assert!(output.status.success());
    let lines: Vec<Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], 1);
    assert_eq!(lines[0]["matches"].as_array().unwrap().len(), 2);
    assert_eq!(lines[1]["id"], "b");
    assert_eq!(
        lines[1]["matches"].as_array().unwrap().len(),
        0,
        "the pronoun us is not the US"
    );
}

#[test]
fn jsonl_bad_line_names_the_line() {
    let output = newsmark(
        &["scan", "--format", "jsonl", "-"],
        "{\"id\": 1, \"text\": \"x\"}\n{\"id\": 2}\n",
    );
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("standard input, line 2") && stderr.contains("field 'text' is missing"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1);
}

#[test]
fn html_input_reads_visible_text_by_blocks() {
    let html = temp_file(
        "page.html",
        "<html><head><script>var Russia = 1;</script><style>.China{}</style></head><body>\
        <p>Kim <b>Jong Un</b> visited the Vostochny <i>Cosmodrome</i>.</p><p>North</p><p>Korea</p>\
        <textarea>Iran</textarea></body></html>",
    );
    let result = json(&newsmark(&["scan", "--html", &html], ""));
    let texts: Vec<&str> = result["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["text"].as_str().unwrap())
        .collect();
    assert!(texts.contains(&"Kim Jong Un"), "{texts:?}");
    assert!(
        !texts.contains(&"Russia") && !texts.contains(&"Iran") && !texts.contains(&"China"),
        "{texts:?}"
    );
    assert!(
        !texts.iter().any(|t| t.contains("North")),
        "a match crossed a block: {texts:?}"
    );
    // Offsets refer to the extracted text, which is printed too.
    let text = result["text"].as_str().unwrap();
    let first = &result["matches"][0];
    let (s, e) = (
        first["start_byte"].as_u64().unwrap() as usize,
        first["end_byte"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[s..e], first["text"].as_str().unwrap());
}

#[test]
fn text_format() {
    let output = newsmark(&["scan", "--format", "text", SEED], "");
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("\tperson\tvladimir-putin\tVladimir Putin"),
        "{stdout}"
    );
    assert!(stdout.contains("matches ("));
}

#[test]
fn user_dictionary_over_the_default_and_alone() {
    let dict = temp_file(
        "mine.json",
        r#"{"entries": [
        {"id": "vostochny", "label": "Vostochny Cosmodrome", "category": "space", "aliases": ["Vostochny Cosmodrome"]},
        {"id": "rus", "disabled": true}]}"#,
    );
    let result = json(&newsmark(&["scan", "--dict", &dict, SEED], ""));
    let entries: Vec<&str> = result["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["entry"].as_str().unwrap())
        .collect();
    assert!(entries.contains(&"vostochny"));
    assert!(!entries.contains(&"rus"));
    let alone = temp_file(
        "alone.json",
        r##"{"categories": {"place": {"kind": "actor", "color": "#abcdef"}},
        "entries": [{"id": "moscow", "label": "Moscow", "category": "place", "aliases": ["Moscow"]}]}"##,
    );
    let result = json(&newsmark(
        &["scan", "--no-default", "--dict", &alone, SEED],
        "",
    ));
    assert!(result["matches"]
        .as_array()
        .unwrap()
        .iter()
        .all(|m| m["entry"] == "moscow"));
    let merged = json(&newsmark(&["dict", "--no-default", "--dict", &alone], ""));
    assert_eq!(merged["entries"][0]["id"], "moscow");
}

#[test]
fn check_reports_errors_and_warnings() {
    let good = temp_file(
        "good.json",
        r#"{"entries": [{"id": "x", "label": "X", "category": "country", "aliases": ["us", "Moscow"]}]}"#,
    );
    let output = newsmark(&["check", &good], "");
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("warning: entry 'x': alias 'us' is short and case-insensitive"),
        "{stdout}"
    );
    assert!(
        stdout.contains("alias 'Moscow' is claimed by entries 'rus' and 'x'"),
        "{stdout}"
    );
    let bad = temp_file(
        "bad.json",
        r#"{"entries": [{"id": "x", "label": "X", "category": "country", "country": "XYZ", "aliases": ["x"]}]}"#,
    );
    let output = newsmark(&["check", &good, &bad], "");
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty(), "no partial output");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("bad.json': entry 'x' (index 0): field 'country': 'XYZ'"),
        "{stderr}"
    );
    let broken = temp_file("broken.json", "{\n  \"entries\": [\n    {\"id\": }\n]}");
    let stderr = String::from_utf8(newsmark(&["check", &broken], "").stderr).unwrap();
    assert!(stderr.contains("line 3, column"), "{stderr}");
}

#[test]
fn bad_inputs_exit_2_with_one_line_and_no_output() {
    for args in [
        vec!["scan", "/nonexistent/file.txt"],
        vec!["scan", "--dict", "/nonexistent/dict.json", "-"],
        vec!["scan", SEED, "/nonexistent/second.txt"],
        vec!["scan", "--format", "xml", SEED],
    ] {
        let output = newsmark(&args, "");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty(), "{args:?} printed partial output");
        assert!(!output.stderr.is_empty());
    }
    let stderr =
        String::from_utf8(newsmark(&["scan", SEED, "/nonexistent/second.txt"], "").stderr).unwrap();
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("/nonexistent/second.txt"));
}

#[test]
fn non_utf8_input_is_an_error() {
    let dir = std::env::temp_dir().join(format!("newsmark-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("latin1.txt");
    std::fs::write(&path, b"Russland \xfc").unwrap();
    let output = newsmark(&["scan", path.to_str().unwrap()], "");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8(output.stderr)
        .unwrap()
        .contains("not UTF-8"));
}
