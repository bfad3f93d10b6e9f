// Turning highlighting on and off in a tab, and everything the popup asks about a tab: status,
// details, next/previous, hidden categories.
//
// Why one module: toggle, shortcut, auto-highlight and live updates all change the same per-tab state
// (tab-state.js) and must keep the badge right; they all pass through here. The content script gets
// a ready-to-use configuration (dictionaries already validated by the engine), so a page never sees a
// dictionary that would fail to load.

import { MessageType } from '../messages.js';
import { engine } from './engine.js';
import { getSettings, updateSettings } from './settings.js';
import * as content from './content-control.js';
import { OFF, getTab, highlightedTabs, setTab, statusOf } from './tab-state.js';

/** What the content script needs to highlight: `{dictionaries, useDefault, hidden, scope}`. */
export async function contentConfig() {
  const [settings, { layers }] = await Promise.all([getSettings(), engine()]);
  return { dictionaries: layers.map((l) => l.json), useDefault: settings.useDefault, hidden: settings.hidden, scope: settings.scope };
}

/** Highlights the tab; answers its new state (throws when the page cannot be highlighted). */
export async function turnOn(tabId) {
  let answer;
  try {
    answer = await content.start(tabId, await contentConfig());
  } catch (error) {
    const message = /Cannot access|cannot be scripted|Missing host permission|chrome:\/\/|about:|extensions gallery/i.test(String(error?.message))
      ? 'newsmark cannot run on this page (browser pages and extension stores are off limits)'
      : String(error?.message ?? error);
    await setTab(tabId, { ...OFF, error: message });
    throw new Error(message);
  }
  return setTab(tabId, { on: true, ...answer.summary, error: null });
}

/** Removes the highlights of the tab; answers its new state. */
export async function turnOff(tabId) {
  await content.stop(tabId);
  return setTab(tabId, OFF);
}

/** `newsmark:toggle`: answers the new `{on, total, categories}`. */
export async function toggle(tabId) {
  const state = await getTab(tabId);
  return statusOf(state.on ? await turnOff(tabId) : await turnOn(tabId));
}

/** `newsmark:status`. */
export async function status(tabId) {
  return statusOf(await getTab(tabId));
}

/** `newsmark:details`: everything the popup shows. */
export async function details(tabId) {
  const [state, settings, { categories, problems }] = await Promise.all([getTab(tabId), getSettings(), engine()]);
  return {
    ...statusOf(state),
    path: state.path,
    entries: state.entries ?? [],
    error: state.error,
    hidden: settings.hidden,
    scope: settings.scope,
    problems,
    categoryInfo: Object.entries(categories).map(([id, c]) => ({ id, label: c.label ?? id, kind: c.kind, color: c.color })),
  };
}

/** `newsmark:report`: the content script of `tabId` highlighted again (live mode). */
export async function report(tabId, summary) {
  const state = await getTab(tabId);
  if (!state.on) return {};
  await setTab(tabId, { ...state, ...summary });
  return {};
}

/** `newsmark:step`: next or previous occurrence in the tab. */
export async function step(tabId, forward, filter) {
  return content.send(tabId, { type: MessageType.CONTENT_STEP, forward: Boolean(forward), filter: filter ?? null });
}

/** `newsmark:set-hidden`: saves the hidden categories and applies them to every highlighted tab. */
export async function setHidden(hidden) {
  const settings = await updateSettings({ hidden });
  await Promise.all((await highlightedTabs()).map((tabId) =>
    content.send(tabId, { type: MessageType.CONTENT_HIDDEN, hidden: settings.hidden })));
  return { hidden: settings.hidden };
}

/** Re-checks a tab after it loaded: a page that replaced the highlighted one is no longer on. */
export async function revalidate(tabId) {
  const state = await getTab(tabId);
  if (!state.on && !state.error) return state;
  const answer = await content.send(tabId, { type: MessageType.PING }, { on: false });
  return answer?.on ? state : setTab(tabId, OFF);
}
