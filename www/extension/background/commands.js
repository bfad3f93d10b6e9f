// The keyboard shortcut (Alt+Shift+H by default, changeable in the browser's shortcut settings).
//
// Why a module of its own: the shortcut is one more way into `toggle`, exactly like the popup's switch,
// and using it grants activeTab on the current tab, so it works on any page without host permissions.

import { commands, tabs } from '../chrome-api.js';
import { toggle } from './highlighting.js';

export const TOGGLE_COMMAND = 'toggle-highlight';

/** Runs a command for `tab` (the active tab when the browser does not pass one). */
export async function runCommand(name, tab) {
  if (name !== TOGGLE_COMMAND) return null;
  const target = tab?.id !== undefined ? tab : (await tabs.query({ active: true, currentWindow: true }))[0];
  if (target?.id === undefined) return null;
  return toggle(target.id);
}

export function listen() {
  commands.onCommand((name, tab) => {
    runCommand(name, tab).catch((error) => console.warn(`newsmark: ${name}: ${error.message}`));
  });
}
