# newsmark — build, test, demo, package, benchmarks.
# `make test` is what CI runs (through .ci/run); `make demo` serves the demo page.

SHELL := /bin/bash
CARGO ?= cargo
WASM_TARGET := wasm32-unknown-unknown
WASM_RAW := target/$(WASM_TARGET)/release/newsmark.wasm
PKG := www/pkg
WASM_OPT_FLAGS := -Oz --converge --strip-debug --strip-producers --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
	--enable-mutable-globals --enable-reference-types --enable-multivalue
RUST_SOURCES := $(shell find src data -type f) Cargo.toml Cargo.lock
PORT ?= 8000
PAGES ?=
SECONDS ?= 30

.PHONY: test unit lint wasm browser demo tools clean

# Each capability beyond the core keeps its targets in mk/*.mk and adds its test target to TEST_EXTRA.
TEST_EXTRA :=
include $(sort $(wildcard mk/*.mk))

## test: everything a clean clone must pass (unit, property, lint, browser, extension, package)
test: lint unit browser $(TEST_EXTRA)

unit:
	$(CARGO) test --all-targets
	$(CARGO) test --doc

lint:
	$(CARGO) fmt --check
	$(CARGO) clippy --all-targets -- -D warnings
	$(CARGO) clippy --lib --target $(WASM_TARGET) -- -D warnings

tools:
	scripts/ensure-tools.sh

## wasm: www/pkg/newsmark.js, newsmark_bg.wasm, newsmark.d.ts
wasm: $(PKG)/newsmark_bg.wasm

$(PKG)/newsmark_bg.wasm: $(RUST_SOURCES)
	scripts/ensure-tools.sh wasm npm
	# Size first for the module (opt-level z), while Cargo.toml keeps aho-corasick's search loops at 3.
	CARGO_PROFILE_RELEASE_OPT_LEVEL=z $(CARGO) build --lib --target $(WASM_TARGET) --release
	wasm-bindgen --target web --out-dir $(PKG) --out-name newsmark $(WASM_RAW)
	node_modules/.bin/wasm-opt $(WASM_OPT_FLAGS) $@ -o $@
	@printf 'wasm: %s bytes, %s gzipped\n' "$$(stat -c %s $@)" "$$(gzip -9c $@ | wc -c)"

browser: wasm
	scripts/ensure-tools.sh npm chromium
	node --test --test-concurrency=1 tests/browser/

## demo: build what is missing and serve www/ on http://127.0.0.1:$(PORT)/
demo: wasm
	node scripts/serve.mjs www $(PORT)

clean:
	rm -rf target/$(WASM_TARGET) $(PKG) dist
