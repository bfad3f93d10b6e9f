// The options page: the user's dictionaries (import, export, on/off, remove), the default dictionary
// on/off, the article scope, and the sites highlighted automatically.
//
// Why it is a thin view: every change is a message to the background (library.js), which validates
// with the wasm engine and writes storage; this page only reads files, asks for host permissions (that
// must happen here, in the click that adds a site) and shows the answers — including the exact error
// of a bad import (file, line or entry, field), after which the stored dictionaries are unchanged.

import { permissions, sendMessage } from '../chrome-api.js';
import { MessageType as M } from '../messages.js';

const $ = (id) => document.getElementById(id);

function showResult(element, ok, text) {
  element.hidden = !text;
  element.textContent = text ?? '';
  element.className = `result ${ok ? 'ok' : 'error'}`;
}

async function refresh() {
  const { settings, dictionaries, problems } = await sendMessage({ type: M.OPTIONS_STATE });
  $('use-default').checked = settings.useDefault;
  $(settings.scope === 'page' ? 'scope-page' : 'scope-article').checked = true;
  $('problems').replaceChildren(...problems.map((p) => {
    const item = document.createElement('li');
    item.textContent = p;
    return item;
  }));
  renderDictionaries(dictionaries);
  renderSites(settings.autoSites);
  document.body.dataset.ready = 'true';
}

function cell(content) {
  const td = document.createElement('td');
  if (content instanceof Node) td.append(content);
  else td.textContent = content;
  return td;
}

function smallButton(text, onClick) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'small';
  button.textContent = text;
  button.addEventListener('click', onClick);
  return button;
}

function renderDictionaries(list) {
  $('no-dictionaries').hidden = list.length > 0;
  $('dictionaries').hidden = list.length === 0;
  $('dictionaries').tBodies[0].replaceChildren(...list.map((d) => {
    const row = document.createElement('tr');
    row.dataset.id = d.id;
    row.classList.toggle('damaged', Boolean(d.damaged));
    const enabled = document.createElement('input');
    enabled.type = 'checkbox';
    enabled.checked = d.enabled;
    enabled.disabled = Boolean(d.damaged);
    enabled.setAttribute('aria-label', `Use ${d.name}`);
    enabled.addEventListener('change', async () => {
      try {
        await sendMessage({ type: M.ENABLE_DICTIONARY, id: d.id, enabled: enabled.checked });
      } catch (error) {
        showResult($('import-result'), false, error.message);
      }
      await refresh();
    });
    const actions = document.createElement('span');
    actions.append(
      smallButton('Export JSON', () => download(d.id, 'json')),
      ' ',
      smallButton('Export JSONL', () => download(d.id, 'jsonl')),
      ' ',
      smallButton('Remove', async () => {
        await sendMessage({ type: M.REMOVE_DICTIONARY, id: d.id });
        await refresh();
      }),
    );
    const date = d.importedAt ? new Date(d.importedAt).toLocaleDateString() : '';
    row.append(cell(d.name === d.fileName ? d.name : `${d.name} (${d.fileName})`), cell(d.format === 'spacy' ? 'spaCy JSONL' : 'newsmark'),
      cell(String(d.entries)), cell(date), cell(enabled), cell(actions));
    row.lastChild.className = 'actions';
    return row;
  }));
}

async function download(id, format) {
  const { fileName, text } = await sendMessage({ type: M.EXPORT_DICTIONARY, id, format });
  const url = URL.createObjectURL(new Blob([text], { type: format === 'jsonl' ? 'application/jsonl' : 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function renderSites(sites) {
  $('sites').replaceChildren(...sites.map((origin) => {
    const item = document.createElement('li');
    const name = document.createElement('span');
    name.textContent = origin;
    item.append(name, smallButton('Remove', async () => {
      document.body.dataset.ready = 'false';
      const { settings } = await sendMessage({ type: M.OPTIONS_STATE });
      await sendMessage({ type: M.SET_SETTINGS, patch: { autoSites: settings.autoSites.filter((o) => o !== origin) } });
      await permissions.remove([`${origin}/*`]).catch(() => false);
      await refresh();
    }));
    return item;
  }));
}

$('import-file').addEventListener('change', async () => {
  const file = $('import-file').files[0];
  if (!file) return;
  document.body.dataset.ready = 'false';
  showResult($('import-result'), true, `Checking ${file.name}…`);
  try {
    const answer = await sendMessage({ type: M.IMPORT_DICTIONARY, fileName: file.name, text: await file.text() });
    const notes = answer.notes?.length ? `\n${answer.notes.join('\n')}` : '';
    showResult($('import-result'), true, `Imported ${answer.dictionary.name}: ${answer.dictionary.entries} entries.${notes}`);
  } catch (error) {
    showResult($('import-result'), false, `Not imported: ${error.message}`);
  }
  $('import-file').value = '';
  await refresh();
});

$('use-default').addEventListener('change', async () => {
  document.body.dataset.ready = 'false';
  try {
    await sendMessage({ type: M.SET_SETTINGS, patch: { useDefault: $('use-default').checked } });
    showResult($('import-result'), true, null);
  } catch (error) {
    showResult($('import-result'), false, error.message);
  }
  await refresh();
});

for (const radio of document.querySelectorAll('input[name=scope]')) {
  radio.addEventListener('change', () => sendMessage({ type: M.SET_SETTINGS, patch: { scope: radio.value } }));
}

$('site-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  document.body.dataset.ready = 'false';
  const text = $('site').value.trim();
  if (!text) return;
  let origin;
  try {
    const url = new URL(text.includes('://') ? text : `https://${text}`);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('only http and https sites');
    origin = url.origin;
  } catch (error) {
    showResult($('site-result'), false, `'${text}' is not a web address (${error.message})`);
    document.body.dataset.ready = 'true';
    return;
  }
  // The permission request must come from this click, before any other await.
  const granted = await permissions.request([`${origin}/*`]).catch((error) => {
    showResult($('site-result'), false, error.message);
    return false;
  });
  if (!granted) {
    showResult($('site-result'), false, `No permission to read ${origin}: it was not added.`);
    document.body.dataset.ready = 'true';
    return;
  }
  const { settings } = await sendMessage({ type: M.OPTIONS_STATE });
  await sendMessage({ type: M.SET_SETTINGS, patch: { autoSites: [...new Set([...settings.autoSites, origin])] } });
  $('site').value = '';
  showResult($('site-result'), true, `${origin} will be highlighted automatically.`);
  await refresh();
});

await refresh();
