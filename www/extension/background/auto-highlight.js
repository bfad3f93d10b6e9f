// Highlighting the sites the user chose automatically, and forgetting tabs that navigated or closed.
//
// Why tabs.onUpdated rather than registered content scripts: auto-highlight then takes exactly the
// path a click takes (same injection, same configuration, same badge). A site is highlighted only if
// it is in the list *and* its host permission was granted (the options page requests it when the site
// is added); without the "tabs" permission, `tab.url` is only visible for such hosts anyway.

import { permissions, tabs } from '../chrome-api.js';
import { getSettings } from './settings.js';
import { clearTab, getTab } from './tab-state.js';
import { revalidate, turnOn } from './highlighting.js';

/** The host permission pattern of an origin: `https://example.com` → `https://example.com/*`. */
export const originPattern = (origin) => `${origin}/*`;

async function onUpdated(tabId, change, tab) {
  if (change.status !== 'complete') return;
  const state = await revalidate(tabId);
  if (state.on || !tab?.url) return;
  let origin;
  try {
    origin = new URL(tab.url).origin;
  } catch {
    return;
  }
  const { autoSites } = await getSettings();
  if (!autoSites.includes(origin)) return;
  if (!(await permissions.contains([originPattern(origin)]))) return;
  if ((await getTab(tabId)).on) return;
  await turnOn(tabId).catch((error) => console.warn(`newsmark: auto-highlight of ${origin} failed: ${error.message}`));
}

/** Registers the listeners (at the top level of the background, as MV3 requires). */
export function listen() {
  tabs.onUpdated((tabId, change, tab) => {
    onUpdated(tabId, change, tab).catch((error) => console.warn('newsmark:', error));
  });
  tabs.onRemoved((tabId) => {
    clearTab(tabId).catch(() => {});
  });
}
