// The background of the extension (a module service worker in Chromium, an event page in Firefox):
// wires the listeners of each background module. Every listener is registered synchronously at the
// top level, as MV3 requires for events to wake the worker; the work itself lives in background/*.
//
//   router.js          every runtime message (popup, options, shortcut, content scripts, tests)
//   highlighting.js    on/off per tab, status, details, next/previous, hidden categories
//   tab-state.js       per-tab state in storage.session, and the badge
//   content-control.js injecting the content script on demand and messaging it
//   engine.js          the wasm highlighter (allowed here whatever the page's CSP)
//   fallback.js        rules and scanning for the fallback path of strict-CSP pages
//   library.js, dictionaries.js, spacy.js, validate.js, settings.js   options and storage
//   auto-highlight.js, commands.js   auto-highlighted sites, the keyboard shortcut

import { onMessage } from './chrome-api.js';
import { route } from './background/router.js';
import * as autoHighlight from './background/auto-highlight.js';
import * as commands from './background/commands.js';
import * as highlighting from './background/highlighting.js';

onMessage(route);
autoHighlight.listen();
commands.listen();

// For tests and debugging from the worker's console: the same functions the listeners call.
globalThis.newsmark = { route, runCommand: commands.runCommand, toggle: highlighting.toggle };
