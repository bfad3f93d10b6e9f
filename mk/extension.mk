# The browser extension (www/extension/, docs/extension.md).
#
#   make extension                 dist/extension/ (unpacked), dist/extension-test/ (tests only),
#                                  dist/newsmark-chrome.zip, dist/newsmark-firefox.zip
#   make test-extension            unit tests, Chromium end-to-end tests, web-ext lint
#   make scope-eval PAGES=DIR      article-scope heuristic against DIR/*/{source,expected}.html
#                                  (writes target/scope/report.md)

.PHONY: extension test-extension scope-eval

TEST_EXTRA += test-extension

## extension: the unpacked extension and the store packages (needs the wasm package)
extension: wasm
	scripts/ensure-tools.sh npm
	node www/extension/tools/build.mjs dist

## test-extension: what `make test` runs for the extension (about a minute)
test-extension: extension
	scripts/ensure-tools.sh npm chromium
	node --test --test-concurrency=1 tests/extension/
	NO_UPDATE_NOTIFIER=1 node_modules/.bin/web-ext lint --source-dir dist/extension --self-hosted --no-input --no-config-discovery

## scope-eval: article-scope precision/recall/F1 on saved pages (PAGES=DIR)
scope-eval: extension
	@test -n "$(PAGES)" || { echo 'usage: make scope-eval PAGES=DIR' >&2; exit 2; }
	node tests/extension/scope-eval.mjs "$(PAGES)"
