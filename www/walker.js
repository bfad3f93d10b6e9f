// The JavaScript fallback walker: a line-by-line port of src/web/walk.rs (and the parts of
// src/dom_rules.rs that are code, not tables), for the browser extension's compatibility path.
//
// Why it exists: on pages whose Content-Security-Policy forbids WebAssembly (`script-src 'self'`), a
// content script cannot instantiate the wasm highlighter, so it reads the page with this walker, sends
// the block texts to the extension's background (where wasm is allowed) and paints the ranges it gets
// back. The two paths must read a page identically (same blocks, same offsets), so the tables are not
// copied here: they come from the Rust side as JSON (`domRules()`), and only the walk itself is ported.
// tests/extension/equivalence.test.mjs compares both walkers (and the ranges painted from them) on the
// same pages. Details that look arbitrary are Rust semantics kept on purpose: "white space" is Unicode
// White_Space (Rust's `char::is_whitespace`, which differs from JavaScript's `trim` on U+0085 and
// U+FEFF), lone surrogates read as U+FFFD (wasm-bindgen's string conversion), `contenteditable="false"`
// is compared ASCII-case-insensitively.

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;
const DOCUMENT_NODE = 9;

/** Rust's `char::is_whitespace` (the Unicode White_Space property), as a character class. */
const WHITE_SPACE = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const NOT_WHITE_SPACE = new RegExp(`[^${WHITE_SPACE}]`);
const ALL_WHITE_SPACE = new RegExp(`[${WHITE_SPACE}]`, 'g');
const ONE_WHITE_SPACE = new RegExp(`^[${WHITE_SPACE}]$`);

/** Whether the one character (code point) `c` is white space in Rust's sense. */
export function isWhiteSpace(c) {
  return ONE_WHITE_SPACE.test(c);
}

/** What wasm-bindgen makes of a JavaScript string: lone surrogates become U+FFFD (same length). */
const wellFormed = typeof String.prototype.toWellFormed === 'function'
  ? (s) => s.toWellFormed()
  : (s) => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

/** Element roles, as in `dom_rules::Role`. */
export const Role = Object.freeze({ SKIP: 'skip', BLOCK: 'block', INLINE: 'inline' });

/**
 * The rules object the walker needs, from `domRules()` JSON (a string or its parsed value):
 * `{block: Set, skip: Set, skipAttributes: string[], markClass, customElementsAreBlocks}`.
 */
export function parseRules(json) {
  const raw = typeof json === 'string' ? JSON.parse(json) : json;
  for (const field of ['block', 'skip', 'skipAttributes']) {
    if (!Array.isArray(raw?.[field])) throw new Error(`dom rules: field '${field}': expected an array`);
  }
  return {
    block: new Set(raw.block),
    skip: new Set(raw.skip),
    skipAttributes: [...raw.skipAttributes],
    markClass: String(raw.markClass),
    customElementsAreBlocks: raw.customElementsAreBlocks !== false,
  };
}

/** `dom_rules::role`: the role of an element by its local name. */
function tagRole(rules, name) {
  if (rules.skip.has(name)) return Role.SKIP;
  if (rules.block.has(name) || (rules.customElementsAreBlocks && name.includes('-'))) return Role.BLOCK;
  return Role.INLINE;
}

/** ASCII lower case, as Rust's `to_ascii_lowercase` (`toLowerCase` would also fold non-ASCII). */
function asciiLower(s) {
  return s.replace(/[A-Z]+/g, (c) => c.toLowerCase());
}

/** `dom_rules::style_hides`: whether an inline style attribute hides the element. */
export function styleHides(style) {
  const compact = asciiLower(style.replace(ALL_WHITE_SPACE, ''));
  return compact.split(';').some((declaration) => {
    let d = declaration;
    while (d.endsWith('!important')) d = d.slice(0, -'!important'.length);
    return d === 'display:none' || d === 'visibility:hidden';
  });
}

function isHiddenOrOptedOut(element, name, rules) {
  if (name === 'mark' && element.classList.contains(rules.markClass)) return true;
  if (!element.hasAttributes()) return false;
  for (const attribute of rules.skipAttributes) {
    const value = element.getAttribute(attribute);
    if (value !== null && !(attribute === 'contenteditable' && asciiLower(value) === 'false')) return true;
  }
  const style = element.getAttribute('style');
  return style !== null && styleHides(style);
}

/** `walk::element_role`: the element's role, unless hidden, opted out, one of ours, or excluded. */
export function elementRole(element, rules, exclude = null) {
  const name = element.localName;
  const role = tagRole(rules, name);
  if (role === Role.SKIP || isHiddenOrOptedOut(element, name, rules)) return Role.SKIP;
  if (exclude) {
    try {
      if (element.matches(exclude)) return Role.SKIP;
    } catch {
      // An invalid selector excludes nothing, as `matches(..).unwrap_or(false)` in Rust.
    }
  }
  return role;
}

/**
 * Yields the text blocks of a subtree one by one: `{text, spans: [{node, start, len}]}`, offsets in
 * UTF-16 code units. Iterative, like the Rust walker, so a deeply nested page cannot overflow.
 */
export class Walker {
  /**
   * @param {Node} root an element, document, shadow root or fragment; not itself tested against the
   *   skip rules (asking for it is explicit)
   * @param {object} rules from `parseRules`
   * @param {string|null} exclude CSS selector of subtrees to leave out
   */
  constructor(root, rules, exclude = null) {
    this.rules = rules;
    this.exclude = exclude || null;
    /** Open shadow roots met so far (they need the highlight styles adopted). */
    this.shadowRoots = [];
    const first = root.nodeType === DOCUMENT_NODE ? root.documentElement : root.firstChild;
    this.stack = [{ next: first ?? null, closesBlock: true }];
    this.block = { text: '', spans: [] };
    const shadow = root.nodeType === ELEMENT_NODE ? root.shadowRoot : null;
    if (shadow) {
      this.shadowRoots.push(shadow);
      this.stack.push({ next: shadow.firstChild, closesBlock: true });
    }
  }

  /** The next block with visible text, or `null` at the end of the subtree. */
  next() {
    for (;;) {
      const frame = this.stack[this.stack.length - 1];
      if (!frame) return this.flush();
      const node = frame.next;
      if (!node) {
        this.stack.pop();
        if (frame.closesBlock) {
          const block = this.flush();
          if (block) return block;
        }
        continue;
      }
      frame.next = node.nextSibling;
      const type = node.nodeType;
      if (type === TEXT_NODE || type === CDATA_SECTION_NODE) {
        this.addText(node);
      } else if (type === ELEMENT_NODE) {
        const role = elementRole(node, this.rules, this.exclude);
        if (role === Role.SKIP) continue;
        const block = role === Role.BLOCK ? this.flush() : null;
        this.stack.push({ next: node.firstChild, closesBlock: role === Role.BLOCK });
        const shadow = node.shadowRoot;
        if (shadow) {
          // The shadow tree is what renders; it is read first, as blocks of its own.
          this.stack.push({ next: shadow.firstChild, closesBlock: true });
          this.shadowRoots.push(shadow);
          const out = block ?? this.flush();
          if (out) return out;
          continue;
        }
        if (block) return block;
      }
    }
  }

  addText(node) {
    const data = node.data;
    if (data.length === 0) return;
    const last = this.block.spans[this.block.spans.length - 1];
    const start = last ? last.start + last.len : 0;
    this.block.text += wellFormed(data);
    this.block.spans.push({ node, start, len: data.length });
  }

  /** Ends the current block; returns it if it holds more than white space. */
  flush() {
    if (this.block.spans.length === 0) return null;
    const block = this.block;
    this.block = { text: '', spans: [] };
    return NOT_WHITE_SPACE.test(block.text) ? block : null;
  }
}

/** Every block of `root`, as `Walker.next` yields them. */
export function readBlocks(root, rules, exclude = null) {
  const walker = new Walker(root, rules, exclude);
  const blocks = [];
  for (let block = walker.next(); block; block = walker.next()) blocks.push(block);
  blocks.shadowRoots = walker.shadowRoots;
  return blocks;
}

/**
 * `session::block_owner`: the nearest block element holding `node` (or `root`), or `null` when
 * `node` lies in a subtree the walk skips. Live mode re-reads only these owners.
 */
export function blockOwner(node, root, rules, exclude = null) {
  let owner = null;
  for (let n = node; n; n = n.parentNode ?? (n.nodeType === 11 && n.host ? n.host : null)) {
    if (n === root) return owner ?? n;
    if (n.nodeType === ELEMENT_NODE) {
      const role = elementRole(n, rules, exclude);
      if (role === Role.SKIP) return null;
      if (role === Role.BLOCK && !owner) owner = n;
    }
  }
  return null;
}
