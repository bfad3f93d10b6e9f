# The npm package (dist/npm/): the wasm, its glue and embed.js with the <newsmark-article> element,
# and its tests (package.json and `npm pack`, a Vite app built from it, the element in Chromium, the
# docs' snippets and API coverage).

.PHONY: package test-package
TEST_EXTRA += test-package

## package: dist/npm/, an npm package of the wasm, the glue and embed.js (`npm pack dist/npm` packs it)
package: wasm
	node scripts/package.mjs dist/npm

test-package: package
	scripts/ensure-tools.sh npm chromium
	node --test --test-concurrency=1 tests/package/
