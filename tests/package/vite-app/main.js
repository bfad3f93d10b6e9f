// The app's code: the package imported by name as an app would, through each of its exports —
// "." (API, helper, element), "./core" (the raw glue) and "./wasm" (the wasm's URL).

import { Highlighter, highlightPage } from 'newsmark';
import * as core from 'newsmark/core';
import wasmUrl from 'newsmark/wasm?url';

const element = document.getElementById('element');
const elementReport = element.report
  ? Promise.resolve(element.report)
  : new Promise((resolve) => element.addEventListener('newsmark:highlighted', (event) => resolve(event.detail), { once: true }));

const { highlighter, report } = await highlightPage(document.getElementById('api'), { mode: 'mark' });
window.app = {
  api: report.total,
  element: (await elementReport).total,
  sameGlue: core.Highlighter === Highlighter && highlighter instanceof core.Highlighter,
  wasmUrl,
  wasmStatus: (await fetch(wasmUrl)).status,
};
