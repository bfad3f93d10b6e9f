// The content script: injected on demand into a tab (background/content-control.js imports this module
// in the tab's isolated world), it highlights the article and answers the background's commands.
//
// Why two paths: it first tries the wasm highlighter in the page (content/wasm-path.js); when the
// page's CSP forbids WebAssembly it falls back to the JavaScript walker with matching done in the
// background (content/fallback-path.js). Both paint with the CSS Custom Highlight API and report the
// same summary, so nothing else in the extension needs to know which path a page took. What part of the
// page is highlighted comes from scope.js (the main article by default).

import { onMessage, sendMessage } from '../chrome-api.js';
import { MessageType as M } from '../messages.js';
import { findArticle } from '../scope.js';
import { WasmUnavailable, startWasm } from './wasm-path.js';
import { startFallback } from './fallback-path.js';

let installed = false;
/** The running highlight: `{path, summary(), setHidden(ids), step(filter, forward), stop()}`. */
let session = null;
/** Serialises start/stop, so a quick double toggle cannot interleave. */
let queue = Promise.resolve();

/** Registers the message listener once per page; answers `true` (the injection's result). */
export function install() {
  if (!installed) {
    installed = true;
    onMessage(handle);
  }
  return true;
}

function handle(message) {
  switch (message?.type) {
    case M.START:
      return enqueue(() => start(message.config ?? {}));
    case M.STOP:
      return enqueue(() => {
        stop();
        return {};
      });
    case M.CONTENT_HIDDEN:
      session?.setHidden(message.hidden ?? []);
      return {};
    case M.CONTENT_STEP:
      return session ? session.step(message.filter ?? null, message.forward !== false) : null;
    case M.PING:
      return { on: Boolean(session), path: session?.path ?? null };
    default:
      return undefined;
  }
}

function enqueue(task) {
  const run = queue.then(task);
  queue = run.catch(() => {});
  return run;
}

/** The part of the page to highlight for a scope setting. */
export function scopeFor(setting, document) {
  if (setting === 'page') return { root: document.body ?? document.documentElement, exclude: null };
  return findArticle(document);
}

async function start(config) {
  stop();
  const scope = scopeFor(config.scope, document);
  const onUpdate = (summary) => {
    sendMessage({ type: M.REPORT, summary }).catch(() => {});
  };
  try {
    session = await startWasm(scope, config, onUpdate);
  } catch (error) {
    if (!(error instanceof WasmUnavailable)) throw error;
    session = await startFallback(scope, config, onUpdate);
  }
  return { summary: session.summary() };
}

function stop() {
  session?.stop();
  session = null;
}
