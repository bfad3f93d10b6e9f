// The docs cannot drift from the code: docs/api.md must name everything the two .d.ts files export
// (and the option fields and mark attributes the Rust code reads and writes); every snippet marked
// `<!-- snippet: NAME -->` in docs/embed.md is run as a page against the built package; and
// www/embed.html, the example page, works (its screenshot goes to target/screenshots/embed.png).

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, ROOT, WORK, launch, newPage, requirePackage, screenshotPath, servePackage } from './helpers.mjs';
import { declarations } from './dts.mjs';

const read = (path) => readFileSync(join(ROOT, path), 'utf8');

/** Every code span and code block of a markdown text, as one string per span. */
function codeSpans(markdown) {
  const blocks = [...markdown.matchAll(/^```[^\n]*\n([\s\S]*?)^```/gm)].map((m) => m[1]);
  const prose = markdown.replace(/^```[^\n]*\n[\s\S]*?^```/gm, '');
  return [...blocks, ...[...prose.matchAll(/`([^`\n]+)`/g)].map((m) => m[1])];
}

/** The `<!-- snippet: NAME -->` code blocks of docs/embed.md: [{name, code, section}]. */
function snippets(markdown) {
  return [...markdown.matchAll(/<!-- snippet: ([\w-]+) -->\n```html\n([\s\S]*?)^```/gm)].map((m) => {
    const before = markdown.slice(0, m.index);
    const section = [...before.matchAll(/^## (.+)$/gm)].pop()?.[1];
    return { name: m[1], code: m[2], section };
  });
}

describe('docs/api.md covers the API', () => {
  const api = read('docs/api.md');
  const spans = codeSpans(api);
  const mentioned = (name) => {
    const word = new RegExp(`(^|[^\\w$-])${name.replace(/[[\]$.]/g, '\\$&')}($|[^\\w$-])`);
    return spans.some((span) => word.test(span));
  };

  before(() => requirePackage());

  for (const file of ['pkg/newsmark.d.ts', 'embed.d.ts']) {
    it(`names every export and member of ${file}`, () => {
      const missing = [];
      for (const d of declarations(readFileSync(join(DIST, file), 'utf8'))) {
        if (d.global) continue;
        if (!mentioned(d.name)) missing.push(d.name);
        if (d.name === 'InitOutput') continue; // the wasm's raw exports: internal
        for (const member of d.members) {
          const name = member.name === 'constructor' ? `new ${d.name}()` : member.name.replace(/^\[(.*)\]$/, '$1');
          if (!mentioned(name)) missing.push(`${d.name}.${member.name}`);
        }
      }
      assert.deepEqual(missing, [], `missing from docs/api.md (in backticks)`);
    });
  }

  it('names the option fields the Rust code reads and the mark attributes it writes', () => {
    const options = [...read('src/web/options.rs').matchAll(/field\(options, "(\w+)"\)/g)].map((m) => m[1]);
    assert.ok(options.includes('mode') && options.includes('useDefault'), options.join(', '));
    // The option types are declared once, in the glue's .d.ts (embed.d.ts re-exports them).
    const glue = readFileSync(join(DIST, 'pkg/newsmark.d.ts'), 'utf8');
    for (const field of options) {
      assert.ok(mentioned(field), `option ${field} in docs/api.md`);
      assert.match(glue, new RegExp(`^\\s+${field}\\?: `, 'm'), `option ${field} in pkg/newsmark.d.ts`);
    }
    const attributes = [...read('src/web/paint.rs').matchAll(/set_attribute\("(data-newsmark-[\w-]+)"/g)].map((m) => m[1]);
    assert.deepEqual(attributes.sort(), ['data-newsmark-category', 'data-newsmark-entry', 'data-newsmark-highlighter', 'data-newsmark-kind', 'data-newsmark-match']);
    for (const attribute of attributes) assert.ok(mentioned(attribute), attribute);
  });

  it('names the element, its attributes and its events (here and in docs/embed.md)', () => {
    const source = readFileSync(join(DIST, 'newsmark-article.js'), 'utf8');
    const attributes = JSON.parse(source.match(/observedAttributes = (\[[^\]]*\])/)[1].replace(/'/g, '"'));
    const embedSpans = codeSpans(read('docs/embed.md'));
    for (const name of [...attributes, 'newsmark:highlighted', 'newsmark:error', '<newsmark-article>']) {
      assert.ok(mentioned(name), `${name} in docs/api.md`);
      assert.ok(embedSpans.some((span) => span.includes(name)), `${name} in docs/embed.md`);
    }
  });
});

describe('docs/embed.md snippets run as written', () => {
  const all = snippets(read('docs/embed.md'));
  const dir = join(WORK, 'snippets');
  let server;
  let browser;

  before(async () => {
    requirePackage();
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    server = await servePackage({ '/': dir });
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the README section holds a JavaScript API snippet and a custom element snippet', () => {
    const readme = all.filter((s) => s.section === 'Embed newsmark in a page').map((s) => s.name);
    assert.deepEqual(readme, ['js-api', 'element']);
    for (const snippet of all) assert.match(snippet.code, /<script type="module"/, snippet.name);
    // README.md carries the same snippets, word for word, so the ones run below cover it too.
    const inReadme = snippets(read('README.md'));
    assert.deepEqual(inReadme.map((s) => s.name), ['js-api', 'element']);
    for (const snippet of inReadme) {
      assert.equal(snippet.code, all.find((s) => s.name === snippet.name).code, `README snippet ${snippet.name}`);
    }
  });

  for (const snippet of all) {
    it(`snippet "${snippet.name}" highlights its page`, async () => {
      writeFileSync(join(dir, `${snippet.name}.html`),
        `<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>${snippet.name}</title><link rel="icon" href="data:,"></head>\n<body>\n${snippet.code}</body>\n</html>\n`);
      const page = await newPage(browser);
      const logs = [];
      page.on('console', (message) => logs.push(message.text()));
      await page.goto(`${server.url}/${snippet.name}.html`);
      await page.waitForFunction(() => {
        const elements = [...document.querySelectorAll('newsmark-article')];
        const marks = document.querySelectorAll('mark.newsmark').length;
        const ranges = [...(CSS.highlights?.values() ?? [])].reduce((n, h) => n + h.size, 0);
        return (marks + ranges > 0) && elements.every((e) => e.report);
      }, null, { timeout: 15_000 });
      const r = await page.evaluate(() => ({
        marks: document.querySelectorAll('mark.newsmark').length,
        ranges: [...(CSS.highlights?.values() ?? [])].reduce((n, h) => n + h.size, 0),
        legends: [...document.querySelectorAll('newsmark-article[legend]')].map((e) => e.shadowRoot.querySelectorAll('[part=legend-item]').length),
      }));
      assert.ok(r.marks + r.ranges >= 3, `${r.marks} marks, ${r.ranges} ranges`);
      for (const items of r.legends) assert.ok(items >= 1, 'the legend shows categories');
      if (snippet.code.includes('console.log')) {
        // Console events reach node a little after the page logged them.
        for (let waited = 0; waited < 5000 && !logs.some((text) => /\d+ matches/.test(text)); waited += 50) {
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        assert.ok(logs.some((text) => /\d+ matches/.test(text)), `logged: ${logs.join(' | ')}`);
      }
      assert.deepEqual(page.problems, []);
      await page.close();
    });
  }
});

describe('www/embed.html', () => {
  let server;
  let browser;
  let page;

  before(async () => {
    server = await servePackage({ '/': join(ROOT, 'www') });
    browser = await launch();
    page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}/embed.html`);
    await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 15_000 });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('highlights with the API and the element, and looks right', async () => {
    const r = await page.evaluate(() => ({
      api: [...document.querySelectorAll('#api-article mark.newsmark')].map((m) => m.dataset.newsmarkEntry),
      summary: document.getElementById('api-report').textContent,
      element: [...document.querySelectorAll('#element-article mark.newsmark')].map((m) => m.dataset.newsmarkEntry),
      legend: [...document.getElementById('element-article').shadowRoot.querySelectorAll('[part=legend-item]')].map((i) => i.dataset.category),
      total: document.getElementById('element-report').textContent,
    }));
    for (const id of ['vladimir-putin', 'kim-jong-un', 'prk', 'rus']) assert.ok(r.api.includes(id), id);
    assert.match(r.summary, /^\d+ matches: /);
    for (const id of ['chn', 'irn', 'usa', 'kor']) assert.ok(r.element.includes(id), id);
    assert.ok(r.legend.includes('country') && r.legend.includes('arms'), r.legend.join(', '));
    assert.match(r.total, /^\d+ matches$/);
    await page.screenshot({ path: screenshotPath('embed.png'), fullPage: true });
    assert.deepEqual(page.problems, []);
  });

  it('follows an added paragraph (live) and steps through matches', async () => {
    const before = await page.evaluate(() => document.getElementById('element-article').report.total);
    await page.click('#add-paragraph');
    await page.waitForFunction((n) => document.getElementById('element-article').report.total > n, before);
    assert.match(await page.textContent('#element-report'), /^\d+ matches$/);
    await page.click('#next');
    assert.match(await page.textContent('#api-report'), /^.+ · 1 of \d+$/);
    assert.equal(await page.locator('#api-article mark.newsmark-current').count() >= 1, true);
    assert.deepEqual(page.problems, []);
  });
});
