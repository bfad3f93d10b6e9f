// The demo page: a thin shell over the wasm Highlighter. It shows the seed article highlighted, a
// legend with per-category toggles and counts, the actors and topics (click to jump), next/previous
// (keys n and p), the actor–topic co-occurrence as a table and a chart, and lets the reader paste or
// drop an article, load a dictionary, and switch between mark and css modes.

import init, { Highlighter } from './pkg/newsmark.js';

const $ = (id) => document.getElementById(id);
const SVG = 'http://www.w3.org/2000/svg';
const article = $('article');
const state = {
  highlighter: null,
  dictionary: null,   // the merged dictionary (parsed JSON)
  hidden: new Set(),  // category ids switched off in the legend
  report: null,
};

await init();
state.highlighter = new Highlighter();
state.dictionary = JSON.parse(state.highlighter.dictionary());
$('mode').value = CSS.highlights ? 'css' : 'mark';
if (!CSS.highlights) $('mode').querySelector('option[value="css"]').disabled = true;
setArticleText(await (await fetch('seed-article.txt')).text());
highlight();
wireControls();
document.body.dataset.ready = 'true';

/** Highlights the article with the current highlighter, mode and visible categories. */
function highlight() {
  const categories = state.dictionary.categories;
  const visible = Object.keys(categories).filter((id) => !state.hidden.has(id));
  state.highlighter.clear(article);
  state.report = state.highlighter.highlight(article, { mode: $('mode').value, categories: visible });
  render();
}

/** Replaces the article with paragraphs of plain text (a blank line or a line break separates them). */
function setArticleText(text) {
  const paragraphs = text.split(/\n\s*\n|\r\n\s*\r\n/).map((p) => p.trim()).filter(Boolean);
  article.replaceChildren(...paragraphs.map((p, i) => {
    const element = document.createElement(i === 0 && p.length < 120 && !/[.!?]$/.test(p) ? 'h2' : 'p');
    element.textContent = p;
    return element;
  }));
}

/** Text blocks of an HTML document, as plain paragraphs (its markup and scripts are never used). */
function setArticleHtml(html) {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const root = doc.querySelector('article, main, [role=main]') ?? doc.body;
  const blocks = [...root.querySelectorAll('h1, h2, h3, h4, p, li, blockquote, figcaption')]
    .filter((el) => !el.closest('nav, footer, form, aside, script, style, noscript'))
    .filter((el) => !el.querySelector('p, li, blockquote'))
    .map((el) => el.textContent.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  setArticleText(blocks.length ? blocks.join('\n\n') : (root.textContent ?? ''));
}

function render() {
  const { report, dictionary } = state;
  $('total').textContent = `${report.total} matches`;
  renderLegend(dictionary.categories, report.categories);
  const entries = report.entries;
  renderEntries($('actors'), entries.filter((e) => e.kind === 'actor'));
  renderEntries($('topics'), entries.filter((e) => e.kind === 'topic'));
  renderCooccurrence(report, dictionary);
  $('position').textContent = '';
}

function renderLegend(categories, counts) {
  const items = Object.entries(categories).map(([id, category]) => {
    const item = document.createElement('li');
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.checked = !state.hidden.has(id);
    box.dataset.category = id;
    box.addEventListener('change', () => {
      if (box.checked) state.hidden.delete(id); else state.hidden.add(id);
      const visible = Object.keys(categories).filter((c) => !state.hidden.has(c));
      state.highlighter.setCategories(visible);
    });
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.backgroundColor = category.color;
    const name = document.createElement('span');
    name.textContent = category.label;
    const count = document.createElement('span');
    count.className = 'count';
    count.textContent = String(counts[id] ?? 0);
    label.append(box, swatch, name, count);
    item.append(label);
    item.classList.toggle('empty', !counts[id]);
    item.dataset.kind = category.kind;
    return item;
  });
  // Categories with matches first, actors before topics.
  items.sort((a, b) => Number(b.classList.contains('empty') ? 0 : 1) - Number(a.classList.contains('empty') ? 0 : 1)
    || a.dataset.kind.localeCompare(b.dataset.kind));
  $('legend').replaceChildren(...items);
}

function renderEntries(list, entries) {
  list.replaceChildren(...entries.map((entry) => {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'entry';
    button.dataset.entry = entry.id;
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.backgroundColor = state.dictionary.categories[entry.category]?.color ?? '#ddd';
    const name = document.createElement('span');
    name.textContent = entry.label + (entry.country ? ` (${entry.country})` : '');
    const count = document.createElement('span');
    count.className = 'count';
    count.textContent = String(entry.count);
    button.append(swatch, name, count);
    button.addEventListener('click', () => step(true, entry.id));
    item.append(button);
    return item;
  }));
}

function svgElement(name, attributes, text) {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

function renderCooccurrence(report, dictionary) {
  const labels = new Map(report.entries.map((e) => [e.id, e.label]));
  const pairs = report.cooccurrence.slice(0, 40);
  $('cooccurrence').tBodies[0].replaceChildren(...pairs.map((pair) => {
    const row = document.createElement('tr');
    for (const text of [labels.get(pair.actor) ?? pair.actor, dictionary.categories[pair.topic]?.label ?? pair.topic, String(pair.count)]) {
      const cell = document.createElement('td');
      cell.textContent = text;
      row.append(cell);
    }
    return row;
  }));
  // Actors on the left, topics on the right, one edge per pair, its width by count.
  const actors = [...new Set(pairs.map((p) => p.actor))].slice(0, 12);
  const topics = [...new Set(pairs.map((p) => p.topic))].slice(0, 12);
  const rowHeight = 22;
  const height = Math.max(actors.length, topics.length, 1) * rowHeight + 10;
  const width = 320;
  const chart = $('chart');
  chart.setAttribute('viewBox', `0 0 ${width} ${height}`);
  chart.setAttribute('height', String(height));
  const y = (index, count) => 5 + (index + 0.5) * (height - 10) / Math.max(count, 1);
  const max = Math.max(1, ...pairs.map((p) => p.count));
  const nodes = [];
  for (const pair of pairs) {
    const a = actors.indexOf(pair.actor);
    const t = topics.indexOf(pair.topic);
    if (a < 0 || t < 0) continue;
    const edge = svgElement('path', {
      d: `M110 ${y(a, actors.length)} C160 ${y(a, actors.length)} 160 ${y(t, topics.length)} 210 ${y(t, topics.length)}`,
      fill: 'none',
      stroke: dictionary.categories[pair.topic]?.color ?? '#999',
      'stroke-width': 1 + 7 * pair.count / max,
      'stroke-opacity': 0.8,
    });
    edge.append(svgElement('title', {}, `${labels.get(pair.actor)} — ${dictionary.categories[pair.topic]?.label}: ${pair.count}`));
    nodes.push(edge);
  }
  actors.forEach((id, i) => nodes.push(svgElement('text', { x: 105, y: y(i, actors.length) + 4, 'text-anchor': 'end', class: 'chart-label' }, labels.get(id) ?? id)));
  topics.forEach((id, i) => nodes.push(svgElement('text', { x: 215, y: y(i, topics.length) + 4, class: 'chart-label' }, dictionary.categories[id]?.label ?? id)));
  chart.replaceChildren(...nodes);
}

function step(forward, filter) {
  const position = forward ? state.highlighter.next(filter) : state.highlighter.previous(filter);
  $('position').textContent = position ? `${position.label} · ${position.index + 1} of ${position.total}` : 'nothing highlighted';
}

async function loadDictionary(file) {
  const status = $('dictionary-status');
  try {
    const json = await file.text();
    // Build first: on error the previous highlighter and dictionary stay in place.
    const highlighter = Highlighter.fromDictionaries([json], { useDefault: true });
    state.highlighter.clear();
    state.highlighter.free();
    state.highlighter = highlighter;
    state.dictionary = JSON.parse(highlighter.dictionary());
    state.hidden.clear();
    status.textContent = `Loaded ${file.name} over the default dictionary (${state.dictionary.entries.length} entries).`;
    status.className = 'status ok';
    $('reset-dictionary').hidden = false;
    highlight();
  } catch (error) {
    status.textContent = `${file.name}: ${error.message ?? error} — the previous dictionary is kept.`;
    status.className = 'status error';
  }
}

async function useFile(file) {
  const text = await file.text();
  if (/\.html?$/i.test(file.name) || /^\s*</.test(text)) setArticleHtml(text); else setArticleText(text);
  highlight();
}

function wireControls() {
  $('mode').addEventListener('change', highlight);
  $('next').addEventListener('click', () => step(true));
  $('prev').addEventListener('click', () => step(false));
  document.addEventListener('keydown', (event) => {
    if (event.target.closest?.('textarea, input, select') || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === 'n') step(true);
    if (event.key === 'p') step(false);
  });
  $('use-paste').addEventListener('click', () => {
    const text = $('paste').value;
    if (/^\s*</.test(text)) setArticleHtml(text); else setArticleText(text);
    highlight();
  });
  const zone = $('drop-zone');
  zone.addEventListener('dragover', (event) => { event.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('over');
    const file = event.dataTransfer?.files?.[0];
    if (file) useFile(file);
  });
  $('dictionary-file').addEventListener('change', (event) => {
    const file = event.target.files?.[0];
    if (file) loadDictionary(file);
    event.target.value = '';
  });
  $('reset-dictionary').addEventListener('click', () => {
    state.highlighter.clear();
    state.highlighter.free();
    state.highlighter = new Highlighter();
    state.dictionary = JSON.parse(state.highlighter.dictionary());
    state.hidden.clear();
    $('dictionary-status').textContent = 'Default dictionary.';
    $('dictionary-status').className = 'status ok';
    $('reset-dictionary').hidden = true;
    highlight();
  });
}
