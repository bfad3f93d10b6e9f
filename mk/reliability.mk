# Reliability suite: the real-page sweep, fuzzing, and the browser tests of odd and hostile input.
# See docs/reliability.md.
#
#   make sweep PAGES=DIR     every DIR/*/source.html in headless Chromium (scripts off, no network);
#                            report in target/sweep/report.md
#   make fuzz [SECONDS=30]   each cargo-fuzz target for SECONDS on nightly (stable replay without it)
#   make test-reliability    the browser tests of tests/reliability/ (part of `make test`)

.PHONY: sweep fuzz test-reliability

TEST_EXTRA += test-reliability

FUZZ_TARGETS ?= dictionary matcher
HAVE_NIGHTLY := $(shell rustup toolchain list 2>/dev/null | grep -q '^nightly' && echo yes)

sweep: wasm
	@if [ -z "$(PAGES)" ]; then echo "usage: make sweep PAGES=DIR (folders holding source.html)" >&2; exit 2; fi
	scripts/ensure-tools.sh npm chromium
	node tests/sweep/sweep.mjs "$(PAGES)" --out target/sweep/report.md

fuzz:
ifeq ($(HAVE_NIGHTLY),yes)
	fuzz/run.sh $(SECONDS) $(FUZZ_TARGETS)
else
	@echo "fuzz: no nightly toolchain (rustup toolchain install nightly); replaying the saved cases on stable" >&2
	$(CARGO) test --test regressions
endif

test-reliability: wasm
	scripts/ensure-tools.sh npm chromium
	node --test --test-concurrency=1 tests/reliability/
