# Benchmarks (not tests: they are not part of `make test`). Results go to target/bench/.
#   make bench-native   native throughput of Matcher::find vs a bare Aho-Corasick pass (BENCH_MB, BENCH_RUNS)
#   make bench          headless Chromium: newsmark vs mark.js vs a plain-JS floor (PAGES=… adds real pages)
#   node benches/browser/profile.mjs [PAGE] [DICTIONARY] [MODE]   after make bench: where highlight time goes

.PHONY: bench bench-native

bench-native:
	@# panic = "abort" of the release profile would build the cdylib twice (unwind for the bench, abort
	@# for the bin) and the two collide in target/release; a bench does not care how it panics.
	CARGO_PROFILE_RELEASE_PANIC=unwind $(CARGO) bench --bench native

bench: wasm
	scripts/ensure-tools.sh npm chromium
	PAGES="$(PAGES)" node benches/browser/run.mjs
