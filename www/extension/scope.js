// Which part of a page is "the article": the root the extension highlights by default, and the
// subtrees inside it to leave out (navigation, comment forms, footers, asides).
//
// Why a heuristic: highlighting a whole news page lights up menus ("World", "Russia", "Ukraine" in
// the navigation), related-story teasers and comment sections, and the counts in the popup then
// describe the site, not the article. `findArticle` is a pure function of a Document (no layout, no
// styles, no network), so it runs the same in a content script, in tests and in `make scope-eval`,
// which measures it against Readability's extractions of 130 real pages (results in docs/extension.md).
//
// How: semantic markup first (`[itemprop=articleBody]`, a single dominant `<article>`, `<main>`,
// `[role=main]`), checked against a Readability-style score: each paragraph-like element scores
// 1 + its commas + one point per 100 characters (at most 3), given in full to its parent, half to its
// grandparent and a third per level above; an element's score is weighted by class/id hints ("article",
// "content" up; "comment", "footer", "sidebar" down) and by one minus its link density. The best
// candidate climbs to an ancestor holding most of its neighbours' content.

/** Subtrees never highlighted in article scope (the walker also skips scripts, forms fields, hidden). */
export const EXCLUDE = [
  'nav', 'footer', 'aside', 'form', 'dialog', 'menu',
  '[role=navigation]', '[role=contentinfo]', '[role=complementary]', '[role=search]', '[role=dialog]',
  '[role=banner]', '[role=menu]', '[role=menubar]', '[aria-hidden=true]',
  '#comments', '.comments', '#comment-section', '.comment-list', '.commentlist',
].join(', ');

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed',
  'head', 'title', 'select', 'textarea', 'input', 'button', 'canvas', 'video', 'audio']);
const PARAGRAPHS = new Set(['p', 'pre', 'td', 'blockquote', 'li', 'dd']);
const POSITIVE = /article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story/i;
const NEGATIVE = /-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|foot|footer|footnote|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|tool|widget|newsletter|subscribe|social|nav|menu|breadcrumb|cookie/i;
const UNLIKELY = /-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote/i;
const MAYBE = /and|article|body|column|content|main|mathjax|shadow/i;
const MIN_PARAGRAPH = 25;

function isExcluded(element) {
  try {
    return element.matches(EXCLUDE);
  } catch {
    return false;
  }
}

function isHidden(element) {
  if (element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true') return true;
  const style = (element.getAttribute('style') ?? '').replace(/\s+/g, '').toLowerCase();
  return /(^|;)display:none|(^|;)visibility:hidden/.test(style);
}

/** The class/id weight of an element (Readability's `_getClassWeight`). */
function classWeight(element) {
  let weight = 0;
  for (const value of [element.getAttribute('class'), element.id]) {
    if (!value) continue;
    if (NEGATIVE.test(value)) weight -= 25;
    if (POSITIVE.test(value)) weight += 25;
  }
  return weight;
}

function baseScore(element) {
  switch (element.localName) {
    case 'div': case 'article': case 'section': case 'main': return 5;
    case 'pre': case 'td': case 'blockquote': return 3;
    case 'address': case 'ol': case 'ul': case 'dl': case 'dd': case 'dt': case 'li': case 'form': return -3;
    case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6': case 'th': return -5;
    default: return 0;
  }
}

/**
 * Text lengths of every element, in one pass: `{text, link}` per element, counting only text outside
 * skipped, hidden and excluded subtrees (those count nothing).
 */
function measure(root) {
  const sizes = new Map();
  const visit = (element, inLink) => {
    let text = 0;
    let link = 0;
    const linkHere = inLink || element.localName === 'a';
    for (let child = element.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        const n = child.data.replace(/\s+/g, ' ').trim().length;
        text += n;
        if (linkHere) link += n;
      } else if (child.nodeType === 1) {
        if (SKIP.has(child.localName) || isHidden(child)) continue;
        const size = visit(child, linkHere);
        if (isExcluded(child)) continue;
        text += size.text;
        link += size.link;
      }
    }
    const size = { text, link };
    sizes.set(element, size);
    return size;
  };
  visit(root, false);
  return sizes;
}

const textOf = (element) => (element.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Whether an element is unlikely to hold the article (by class/id, Readability's first pass). */
function unlikely(element) {
  const hint = `${element.getAttribute('class') ?? ''} ${element.id ?? ''}`;
  return UNLIKELY.test(hint) && !MAYBE.test(hint) && element.localName !== 'body' && element.localName !== 'a'
    && !element.closest('article, main, [role=main], table');
}

/** Readability-style scores of candidate containers: `Map(element → score)`. */
function scoreCandidates(body, sizes) {
  const scores = new Map();
  const init = (element) => {
    if (!scores.has(element)) scores.set(element, baseScore(element) + classWeight(element));
  };
  const walk = (element) => {
    for (let child = element.firstElementChild; child; child = child.nextElementSibling) {
      if (SKIP.has(child.localName) || isHidden(child) || isExcluded(child) || unlikely(child)) continue;
      const name = child.localName;
      const isParagraph = PARAGRAPHS.has(name)
        || ((name === 'div' || name === 'section') && !hasBlockChild(child));
      if (isParagraph && !(name === 'li' && child.querySelector('p'))) {
        const text = textOf(child);
        if (text.length >= MIN_PARAGRAPH) {
          const score = 1 + (text.match(/[,，、،]/g)?.length ?? 0) + Math.min(Math.floor(text.length / 100), 3);
          let ancestor = child.parentElement;
          for (let level = 0; ancestor && level < 5; level += 1, ancestor = ancestor.parentElement) {
            if (!ancestor.localName || ancestor === body.parentElement) break;
            init(ancestor);
            const divider = level === 0 ? 1 : level === 1 ? 2 : level * 3;
            scores.set(ancestor, scores.get(ancestor) + score / divider);
          }
        }
        if (name !== 'li' && name !== 'dd' && name !== 'td') continue;
      }
      walk(child);
    }
  };
  walk(body);
  for (const [element, score] of scores) {
    const size = sizes.get(element) ?? { text: 0, link: 0 };
    const density = size.text ? size.link / size.text : 1;
    scores.set(element, score * (1 - density));
  }
  return scores;
}

/** Readability's block-level children: a div without any of them reads as a paragraph. */
const BLOCKS = new Set(['address', 'article', 'aside', 'blockquote', 'dl', 'div', 'fieldset', 'figure', 'footer', 'form', 'header', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'ul']);
function hasBlockChild(element) {
  for (let child = element.firstElementChild; child; child = child.nextElementSibling) {
    if (BLOCKS.has(child.localName)) return true;
  }
  return false;
}

/** The best-scoring candidate, climbed to an ancestor that holds its neighbouring content. */
function bestCandidate(body, sizes) {
  const scores = scoreCandidates(body, sizes);
  let top = null;
  let topScore = -Infinity;
  for (const [element, score] of scores) {
    if (score > topScore) {
      top = element;
      topScore = score;
    }
  }
  if (!top) return null;
  // Readability: when several of the best candidates share an ancestor, the article is that ancestor.
  const good = [...scores].filter(([e, s]) => e !== top && s >= topScore * 0.75).map(([e]) => e);
  if (good.length >= 2) {
    for (let ancestor = top.parentElement; ancestor && ancestor !== body; ancestor = ancestor.parentElement) {
      if (good.filter((e) => ancestor.contains(e)).length >= 2) {
        top = ancestor;
        break;
      }
    }
  }
  // Climb while the parent scores better, or holds little more than the candidate.
  let lastScore = scores.get(top) ?? topScore;
  for (let parent = top.parentElement; parent && parent !== body && parent.localName !== 'html'; parent = parent.parentElement) {
    const parentScore = scores.get(parent);
    const own = sizes.get(top)?.text ?? 0;
    const all = sizes.get(parent)?.text ?? 0;
    if (all <= own * 1.15 + 40) {
      top = parent;
      continue;
    }
    if (parentScore === undefined || parentScore < lastScore / 3 || all > 1.5 * own) break;
    if (parentScore > lastScore) {
      top = parent;
      break;
    }
    lastScore = parentScore;
  }
  // Readability appends the candidate's siblings that look like content (an article split by figures
  // or ads into several containers); one root must then be their parent.
  const parent = top.parentElement;
  if (parent && parent !== body.parentElement) {
    const topScore2 = scores.get(top) ?? topScore;
    const threshold = Math.max(10, topScore2 * 0.2);
    const own = sizes.get(top)?.text ?? 0;
    let siblingText = 0;
    for (const sibling of parent.children) {
      if (sibling === top || isExcluded(sibling)) continue;
      const size = sizes.get(sibling);
      if (!size?.text) continue;
      const bonus = sibling.className && sibling.className === top.className ? topScore2 * 0.2 : 0;
      const density = size.link / size.text;
      const content = (scores.get(sibling) ?? -Infinity) + bonus >= threshold
        || (sibling.localName === 'p' && ((size.text > 80 && density < 0.25) || (size.text > 0 && density === 0 && /\.( |$)/.test(textOf(sibling)))));
      if (content) siblingText += size.text;
    }
    // Only when the parent is mostly that content (not a page wrapper full of teasers and lists).
    if (siblingText >= 0.25 * own && (sizes.get(parent)?.text ?? 0) <= 1.5 * (own + siblingText)) top = parent;
  }
  return top;
}

/** The text length of an element, from `sizes`. */
const length = (sizes, element) => sizes.get(element)?.text ?? 0;

/**
 * The part of `document` to highlight: `{root, exclude, reason}` where `root` is an element,
 * `exclude` a CSS selector of subtrees inside it to leave alone, and `reason` says how it was chosen
 * (for tests and `make scope-eval`).
 */
export function findArticle(document) {
  const body = document.body ?? document.documentElement;
  const whole = { root: body, exclude: EXCLUDE, reason: 'page' };
  if (!body) return whole;
  const sizes = measure(body);
  const total = length(sizes, body);
  if (total === 0) return whole;
  const candidate = bestCandidate(body, sizes);

  // Explicit markup of the article body.
  const bodies = [...body.querySelectorAll('[itemprop~=articleBody]')].filter((e) => length(sizes, e) >= 200);
  if (bodies.length === 1) return { root: widen(bodies[0], sizes), exclude: EXCLUDE, reason: 'articleBody' };

  // One <article> that holds most of the text of all articles (not a list of teasers).
  const articles = [...body.querySelectorAll('article')].filter((e) => !e.parentElement?.closest('article'));
  const articleText = articles.reduce((n, e) => n + length(sizes, e), 0);
  const main = articles.find((e) => length(sizes, e) >= 0.6 * articleText && length(sizes, e) >= 300);
  if (main && (!candidate || main.contains(candidate) || candidate.contains(main))) {
    return { root: main, exclude: EXCLUDE, reason: 'article' };
  }

  // <main> or [role=main], when the scored candidate is inside it (or none was found).
  const landmark = body.querySelector('main, [role=main]');
  if (landmark && length(sizes, landmark) >= 300 && (!candidate || landmark.contains(candidate))) {
    // A landmark much larger than the scored content holds more than the article: prefer the candidate.
    // A short candidate is rather one notice in a landmark of many small items (a feature list).
    if (candidate && (length(sizes, candidate) >= 0.5 * length(sizes, landmark) || length(sizes, candidate) < 500)) {
      return { root: landmark, exclude: EXCLUDE, reason: 'main' };
    }
    if (!candidate) return { root: landmark, exclude: EXCLUDE, reason: 'main' };
  }

  if (candidate && length(sizes, candidate) >= Math.min(250, total * 0.2)) {
    return { root: candidate, exclude: EXCLUDE, reason: 'score' };
  }
  return whole;
}

/** An articleBody often leaves out the headline: take the enclosing <article> when it adds little. */
function widen(element, sizes) {
  const article = element.parentElement?.closest('article');
  if (article && length(sizes, article) <= length(sizes, element) * 1.3 + 200) return article;
  return element;
}

/** The ten best-scoring candidates with their scores and text lengths, for tuning (`make scope-eval`). */
export function explain(document) {
  const body = document.body ?? document.documentElement;
  const sizes = measure(body);
  const describe = (e) => `${e.localName}${e.id ? `#${e.id}` : ''}${e.classList?.length ? `.${[...e.classList].slice(0, 3).join('.')}` : ''}`;
  return [...scoreCandidates(body, sizes)].sort((a, b) => b[1] - a[1]).slice(0, 10)
    .map(([e, score]) => ({ element: describe(e), score: Math.round(score * 10) / 10, text: length(sizes, e) }));
}
