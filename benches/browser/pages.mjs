// The pages of `make bench`, generated deterministically from www/seed-article.txt: the seed article
// itself, a ~1 MB news page with inline markup, a mark.js-style large document of many small
// paragraphs, and (with PAGES=…) real pages with their scripts and event handlers removed.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** mulberry32: the pages are the same on every machine. */
export function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  next.below = (n) => Math.floor(next() * n);
  next.pick = (items) => items[Math.floor(next() * items.length)];
  next.chance = (p) => next() < p;
  return next;
}

const WORDS = `the of and to in a that for on with as was is by at from his her their its an have has had
were would could will said says told officials government minister president week year month talks
meeting agreement deal plan policy security economy market prices trade border region country capital
city people report statement spokesman according after before during while since also however
including about more than new last first two three several many other some most former senior local
foreign national international public political economic military support pressure concerns response
decision election vote parliament leaders forces troops aid funding budget tax energy oil gas power water
health schools workers companies investors analysts experts observers critics residents families
children police court law rules measures steps efforts crisis conflict ceasefire negotiations visit
summit delegation announced warned denied agreed rejected expected planned called urged pledged signed
met held began ended remained reached raised cut increase decline growth record higher lower strong
weak major key significant possible likely unclear recent ongoing further early late next this these
those which whose where when but or not no all any each both between against under over into through
across`.split(/\s+/);

const escape = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const capitalize = (word) => word[0].toUpperCase() + word.slice(1);

export function seedSentences(root) {
  const text = readFileSync(join(root, 'www/seed-article.txt'), 'utf8');
  const out = [];
  for (const line of text.split('\n').map((l) => l.trim()).filter(Boolean)) {
    for (const sentence of line.split(/(?<=\.) /)) if (sentence) out.push(sentence);
  }
  return out;
}

/** Names from the default dictionary's sources, for the filler sentences. */
function dictionaryNames(root) {
  const names = [];
  for (const file of ['countries', 'people', 'organizations', 'topics']) {
    const data = JSON.parse(readFileSync(join(root, `data/${file}.json`), 'utf8'));
    for (const entry of data.entries ?? []) {
      for (const alias of entry.aliases ?? []) names.push(typeof alias === 'string' ? alias : alias.text);
    }
  }
  return names;
}

/** Sentences: the seed's, shuffled, and filler naming a dictionary entry now and then. */
function sentenceSource(root, seed) {
  const seedList = seedSentences(root);
  const names = dictionaryNames(root);
  const random = prng(seed);
  const filler = () => {
    const words = Array.from({ length: 8 + random.below(17) }, () => random.pick(WORDS));
    if (random.chance(0.2)) words.splice(random.below(words.length), 0, random.pick(names));
    if (random.chance(0.15)) words.splice(random.below(words.length), 0, String(1990 + random.below(36)));
    if (random.chance(0.3)) words[1 + random.below(words.length - 1)] += ',';
    words[0] = capitalize(words[0]);
    return `${words.join(' ')}.`;
  };
  const sentence = () => (random.chance(0.25) ? random.pick(seedList) : filler());
  return { random, sentence, filler };
}

/** A paragraph's HTML: sentences with links, emphasis and spans around runs of 1–3 words. */
function inlineParagraph(random, sentences) {
  const words = sentences.join(' ').split(' ');
  const out = [];
  for (let i = 0; i < words.length; ) {
    if (random.chance(0.06)) {
      const n = Math.min(1 + random.below(3), words.length - i);
      const inner = escape(words.slice(i, i + n).join(' '));
      const tag = random.pick(['a', 'a', 'em', 'span', 'strong']);
      if (tag === 'a') out.push(`<a href="/news/${random.below(100000)}">${inner}</a>`);
      else if (tag === 'span') out.push(`<span class="c${random.below(5)}">${inner}</span>`);
      else out.push(`<${tag}>${inner}</${tag}>`);
      i += n;
    } else {
      out.push(escape(words[i]));
      i += 1;
    }
  }
  return out.join(' ');
}

const HEAD = (title) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escape(title)}</title>
<style>
body { font: 16px/1.5 Georgia, serif; max-width: 42em; margin: 0 auto; padding: 1em; }
nav a { margin-right: 1em; } .byline { color: #555; } aside { border-left: 3px solid #ccc; padding-left: 1em; }
.c1 { color: #333; } .c2 { font-variant: small-caps; }
</style>
</head>
`;

/** The seed article as a page: headline and paragraphs. */
export function seedPage(root) {
  const text = readFileSync(join(root, 'www/seed-article.txt'), 'utf8');
  const [headline, ...rest] = text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  const paragraphs = rest.map((p) => `<p>${escape(p)}</p>`).join('\n');
  return `${HEAD(headline)}<body>\n<article>\n<h1>${escape(headline)}</h1>\n${paragraphs}\n</article>\n</body>\n</html>\n`;
}

/** A news page of about `bytes` bytes: site chrome, one long article with inline markup. */
export function newsPage(root, bytes, seed = 1) {
  const { random, sentence, filler } = sentenceSource(root, seed);
  const nav = ['World', 'Politics', 'Business', 'Technology', 'Science', 'Opinion', 'Sports']
    .map((s) => `<a href="/${s.toLowerCase()}">${s}</a>`).join('');
  const headline = seedSentences(root)[0];
  const parts = [
    `${HEAD(headline)}<body>\n<header class="site"><nav>${nav}</nav></header>\n<main>\n<article>\n`,
    `<h1>${escape(headline)}</h1>\n<p class="byline">By <a href="/staff/1">Staff reporters</a> · <time datetime="2023-09-14">Sept. 14, 2023</time></p>\n`,
  ];
  let size = parts.join('').length;
  const push = (html) => {
    parts.push(html);
    size += html.length;
  };
  while (size < bytes - 600) {
    push(`<h2>${escape(filler().replace(/\.$/, ''))}</h2>\n`);
    for (let p = 0, n = 4 + random.below(7); p < n && size < bytes - 600; p++) {
      const sentences = Array.from({ length: 3 + random.below(5) }, sentence);
      push(`<p>${inlineParagraph(random, sentences)}</p>\n`);
    }
    const extra = random.below(4);
    if (extra === 0) push(`<figure><figcaption>${escape(sentence())}</figcaption></figure>\n`);
    if (extra === 1) push(`<blockquote><p>${escape(sentence())}</p></blockquote>\n`);
    if (extra === 2) {
      const items = Array.from({ length: 3 }, () => `<li><a href="/news/${random.below(100000)}">${escape(filler())}</a></li>`);
      push(`<aside class="related"><h3>Related</h3><ul>${items.join('')}</ul></aside>\n`);
    }
  }
  parts.push('</article>\n</main>\n<footer><p>© 2023 The Example Times. <a href="/terms">Terms</a> <a href="/privacy">Privacy</a></p></footer>\n</body>\n</html>\n');
  return parts.join('');
}

/** mark.js's kind of large test document: about `bytes` bytes of many small plain paragraphs. */
export function manyParagraphsPage(root, bytes, seed = 2) {
  const { random, sentence } = sentenceSource(root, seed);
  const parts = [`${HEAD('Large document')}<body>\n<div class="context">\n`];
  let size = parts[0].length;
  while (size < bytes - 100) {
    const p = `<p>${escape(Array.from({ length: 1 + random.below(2) }, sentence).join(' '))}</p>\n`;
    parts.push(p);
    size += p.length;
  }
  parts.push('</div>\n</body>\n</html>\n');
  return parts.join('');
}

/**
 * A real page made inert: scripts, event handler attributes, refreshes, CSP metas and <base> removed
 * (the network is blocked as well, so nothing else loads).
 */
export function inertPage(html) {
  let out = html
    .replace(/<script\b[\s\S]*?<\/script\s*>/gi, '')
    .replace(/<script\b[^>]*\/>/gi, '')
    .replace(/<meta\b[^>]*http-equiv[^>]*>/gi, '')
    .replace(/<base\b[^>]*>/gi, '')
    .replace(/javascript:/gi, 'about:blank#');
  // One event handler attribute per tag and pass: repeat until none is left.
  for (let before = ''; before !== out; ) {
    before = out;
    out = out.replace(/(<[a-z][^>]*?)\s+on[a-z]+\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, '$1');
  }
  return out;
}
