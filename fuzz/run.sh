#!/usr/bin/env bash
# `make fuzz SECONDS=N`: runs each cargo-fuzz target for N seconds on the nightly toolchain.
#
# Corpora grow in fuzz/corpus/<target>/ (not committed), seeded from fuzz/seeds/<target>/ and, for
# the parser, data/ (the default dictionary) and the saved crashes that pass again. A crash is saved as a
# replayable case under fuzz/regressions/<target>/ (raw bytes for the parser, a JSON case for the
# matcher), which tests/regressions.rs replays on stable; then the run fails, asking for a named
# regression test. A summary (runs, execs, time) goes to target/fuzz/summary.txt.
#
# Usage: fuzz/run.sh SECONDS [TARGET...]
set -uo pipefail
cd "$(dirname "$0")"
seconds="${1:-30}"
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(dictionary matcher)

if ! rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  echo "fuzz: no nightly toolchain (rustup toolchain install nightly); only the stable replay runs" >&2
  exit 3
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz" >&2
  cargo install cargo-fuzz --locked
fi

summary=../target/fuzz/summary.txt
mkdir -p ../target/fuzz
failed=0
for target in "${targets[@]}"; do
  mkdir -p "corpus/$target" "regressions/$target" "seeds/$target"
  seeds=("seeds/$target")
  if [ "$target" = dictionary ]; then
    seeds+=(../data)
    # Saved crashes seed the parser's corpus once they pass again (a crash still unfixed would stop
    # the run at once: it is reported and left out).
    passing=../target/fuzz/passing-regressions/$target
    rm -rf "$passing" && mkdir -p "$passing"
    for case in regressions/"$target"/*; do
      [ -f "$case" ] || continue
      if cargo +nightly fuzz run "$target" "$case" >/dev/null 2>&1; then
        cp "$case" "$passing/"
      else
        echo "fuzz: known failing regression, left out of the seeds: fuzz/$case" >&2
      fi
    done
    seeds+=("$passing")
  fi
  log="../target/fuzz/$target.log"
  echo "fuzz: $target for ${seconds}s (log: target/fuzz/$target.log)"
  cargo +nightly fuzz run "$target" "corpus/$target" "${seeds[@]}" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 >"$log" 2>&1
  status=$?
  runs=$(grep -oE 'Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1)
  echo "$(date -u +%FT%TZ) $target seconds=$seconds status=$status ${runs:-no summary}" | tee -a "$summary"
  if [ $status -ne 0 ]; then
    failed=1
    artifact=$(grep -oE 'artifacts/[^ ]+' "$log" | tail -1)
    grep -E 'panicked|ERROR|SUMMARY' "$log" | head -5 >&2
    if [ -n "$artifact" ] && [ -f "$artifact" ]; then
      name=$(basename "$artifact")
      if [ "$target" = matcher ]; then
        NEWSMARK_FUZZ_CASE_OUT="regressions/matcher/$name.json" \
          cargo +nightly fuzz run matcher "$artifact" >/dev/null 2>&1
        saved="regressions/matcher/$name.json"
      else
        cp "$artifact" "regressions/$target/$name"
        saved="regressions/$target/$name"
      fi
      echo "fuzz: $target crashed; saved fuzz/$saved (replayed by tests/regressions.rs)." >&2
      echo "fuzz: add a named regression test for it to tests/regressions.rs; reproduce: cd fuzz && cargo +nightly fuzz run $target $artifact" >&2
    fi
  fi
done
exit $failed
