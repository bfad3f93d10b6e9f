// What the extension knows about each tab: whether it is highlighted, its counts, its top entries and
// which path highlighted it; and the toolbar badge that shows the tab's total.
//
// Why storage.session: an MV3 service worker is stopped when idle and loses its variables, but the
// user still expects the popup to show the counts of a page highlighted minutes ago. storage.session
// lives as long as the browser session, stays in memory and is not synced. The badge is written with
// the state, so the two never disagree.

import { badge, storage } from '../chrome-api.js';

const key = (tabId) => `tab:${tabId}`;

/** The state of a tab nobody highlighted. */
export const OFF = Object.freeze({ on: false, total: 0, categories: {}, entries: [], path: null, error: null });

/** The badge text for a total: empty when off, "999+" beyond three digits. */
export function badgeText(state) {
  if (!state.on) return '';
  return state.total > 999 ? '999+' : String(state.total);
}

/** The state of `tabId`. */
export async function getTab(tabId) {
  const stored = (await storage.session.get(key(tabId)))[key(tabId)];
  return stored ? { ...OFF, ...stored } : { ...OFF };
}

/** Replaces the state of `tabId` and updates its badge; answers the new state. */
export async function setTab(tabId, state) {
  const next = { ...OFF, ...state };
  if (next.on || next.error) await storage.session.set({ [key(tabId)]: next });
  else await storage.session.remove(key(tabId));
  await badge.set(tabId, badgeText(next)).catch(() => {}); // the tab may be gone
  return next;
}

/** Forgets a tab (closed, or navigated away). */
export async function clearTab(tabId) {
  await storage.session.remove(key(tabId));
}

/** Ids of the tabs currently highlighted. */
export async function highlightedTabs() {
  const all = await storage.session.get(null);
  return Object.entries(all)
    .filter(([k, v]) => k.startsWith('tab:') && v?.on)
    .map(([k]) => Number(k.slice(4)));
}

/** The public status of a state: exactly `{on, total, categories}` (the `newsmark:status` answer). */
export function statusOf(state) {
  return { on: Boolean(state.on), total: state.total ?? 0, categories: { ...(state.categories ?? {}) } };
}
