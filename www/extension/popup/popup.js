// The toolbar popup: on/off for the current tab, the categories with their colours, counts and
// toggles, the top actors and topics (click to jump to the next occurrence), next/previous, and a link
// to the options.
//
// Why it holds no state: everything comes from the background (`newsmark:details`) and every action is
// a message to it, so the popup, the keyboard shortcut and tests see the same thing. It re-renders when
// the tab's state changes in storage.session (live updates while the popup is open). It can be opened
// in a tab as popup.html?tabId=N (tests, screenshots).

import { commands, openOptionsPage, sendMessage, storage, tabs } from '../chrome-api.js';
import * as messages from '../messages.js';

const $ = (id) => document.getElementById(id);
const MAX_ENTRIES = 6;

const fromQuery = Number(new URLSearchParams(location.search).get('tabId'));
const tabId = Number.isInteger(fromQuery) && fromQuery > 0
  ? fromQuery
  : (await tabs.query({ active: true, currentWindow: true }))[0]?.id;

let state = null;

async function refresh() {
  try {
    state = await sendMessage(messages.details(tabId));
    render(state);
  } catch (error) {
    showError(error.message);
  }
}

function showError(message) {
  $('error').textContent = message ?? '';
  $('error').hidden = !message;
}

function render(s) {
  $('toggle').checked = s.on;
  $('status').textContent = s.on
    ? (s.scope === 'page' ? 'Highlighting the whole page.' : 'Highlighting the main article.')
    : 'Off on this page. Switch on to highlight actors and topics.';
  showError(s.error ?? (s.problems?.length ? s.problems.join('\n') : null));
  $('summary').hidden = !s.on;
  if (!s.on) return;
  $('total').textContent = String(s.total);
  $('total-label').textContent = s.total === 1 ? 'match' : 'matches';
  $('path').textContent = s.path === 'fallback' ? 'compatibility mode' : '';
  $('path').title = s.path === 'fallback'
    ? "This page's security policy blocks WebAssembly in extensions; its text is matched in the background instead."
    : '';
  renderCategories(s);
  const colours = Object.fromEntries(s.categoryInfo.map((c) => [c.id, c.color]));
  renderEntries($('actors'), s.entries.filter((e) => e.kind === 'actor'), colours);
  renderEntries($('topics'), s.entries.filter((e) => e.kind === 'topic'), colours);
}

function categoryItem(category, count, hidden) {
  const item = document.createElement('li');
  const label = document.createElement('label');
  label.classList.toggle('off', hidden.has(category.id));
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.checked = !hidden.has(category.id);
  box.dataset.category = category.id;
  box.addEventListener('change', () => setCategory(category.id, box.checked));
  const chip = document.createElement('span');
  chip.className = 'chip';
  chip.style.backgroundColor = category.color;
  const name = document.createElement('span');
  name.className = 'name';
  name.textContent = category.label;
  const number = document.createElement('span');
  number.className = 'count';
  number.textContent = String(count);
  label.append(box, chip, name, number);
  label.title = `${category.label} (${category.kind}): ${count} on this page`;
  item.append(label);
  return item;
}

function renderCategories(s) {
  const hidden = new Set(s.hidden);
  const present = [];
  const absent = [];
  for (const category of s.categoryInfo) {
    const count = s.categories[category.id] ?? 0;
    (count > 0 ? present : absent).push(categoryItem(category, count, hidden));
  }
  $('categories').replaceChildren(...present);
  if (present.length === 0) {
    const none = document.createElement('li');
    none.className = 'empty';
    none.textContent = 'Nothing found in this article.';
    $('categories').append(none);
  }
  $('empty-categories').replaceChildren(...absent);
  $('more-categories').hidden = absent.length === 0;
}

function renderEntries(list, entries, colours) {
  if (entries.length === 0) {
    const none = document.createElement('li');
    none.className = 'empty';
    none.textContent = 'None';
    list.replaceChildren(none);
    return;
  }
  list.replaceChildren(...entries.slice(0, MAX_ENTRIES).map((entry) => {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'entry';
    button.dataset.entry = entry.id;
    button.title = `Go to the next “${entry.label}”`;
    const label = document.createElement('span');
    label.className = 'label';
    label.textContent = entry.label;
    label.style.backgroundColor = colours[entry.category] ?? '#ffe066';
    const count = document.createElement('span');
    count.className = 'count';
    count.textContent = String(entry.count);
    button.append(label, count);
    button.addEventListener('click', () => go(true, entry.id));
    item.append(button);
    return item;
  }));
}

async function go(forward, filter = null) {
  try {
    const position = await sendMessage(messages.step(tabId, forward, filter));
    $('position').textContent = position && position.total
      ? `${position.label}: ${position.index + 1} of ${position.total}${filter ? '' : ' on the page'}`
      : 'Nothing to go to.';
  } catch (error) {
    showError(error.message);
  }
}

async function setCategory(id, visible) {
  const hidden = new Set(state.hidden);
  if (visible) hidden.delete(id);
  else hidden.add(id);
  try {
    await sendMessage(messages.setHidden([...hidden]));
    await refresh();
  } catch (error) {
    showError(error.message);
  }
}

$('toggle').addEventListener('change', async () => {
  $('toggle').disabled = true;
  $('status').textContent = $('toggle').checked ? 'Highlighting…' : 'Removing highlights…';
  try {
    await sendMessage(messages.toggle(tabId));
  } catch (error) {
    showError(error.message);
  }
  $('toggle').disabled = false;
  await refresh();
});
$('next').addEventListener('click', () => go(true));
$('previous').addEventListener('click', () => go(false));
$('options').addEventListener('click', () => openOptionsPage());
document.addEventListener('keydown', (event) => {
  if (event.target instanceof HTMLInputElement || !state?.on) return;
  if (event.key === 'n') go(true);
  if (event.key === 'p') go(false);
});
storage.onChanged((changes, area) => {
  if (area === 'session' && changes[`tab:${tabId}`]) refresh();
});
commands.getAll().then((all) => {
  const shortcut = all.find((c) => c.name === 'toggle-highlight')?.shortcut;
  $('shortcut').textContent = shortcut ?? '';
}).catch(() => {});

if (tabId === undefined) showError('No tab to highlight.');
else await refresh();
document.body.dataset.ready = 'true';
