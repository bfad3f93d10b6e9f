// The fallback path: highlighting a page whose CSP forbids WebAssembly in content scripts.
//
// Why: `script-src 'self'` without 'wasm-unsafe-eval' makes WebAssembly compilation in a content
// script fail (CompileError), so the wasm highlighter cannot run in such a page. This session reads the
// page with the JavaScript port of the wasm walker (www/walker.js, rules sent by the background from
// `domRules()`), sends the block texts to the background, which runs `scanBlocks` in wasm, and paints
// the answers with the CSS Custom Highlight API exactly as the wasm css mode does (content/ranges.js).
// Live mode mirrors src/web/live.rs: a MutationObserver collects changed nodes, waits for a quiet
// period of 60 ms (at most 400 ms while the page keeps changing) and re-reads only the blocks around
// the changes. The page itself is never modified, so the observer never sees its own work.

import { sendMessage } from '../chrome-api.js';
import { MessageType } from '../messages.js';
import { Walker, blockOwner, parseRules } from '../walker.js';
import { matchRanges } from './ranges.js';
import { HighlightPainter } from './highlights.js';
import { summarize } from './summary.js';

const DEBOUNCE_MS = 60;
const MAX_WAIT_MS = 400;
/** Texts per scan message: large pages go in a few messages rather than one huge one. */
const SCAN_BATCH_CHARS = 2_000_000;

/** Matches of `texts` from the background, batch by batch. */
async function scanInBackground(texts) {
  const out = [];
  for (let i = 0; i < texts.length; ) {
    let size = 0;
    let j = i;
    while (j < texts.length && (j === i || size + texts[j].length <= SCAN_BATCH_CHARS)) size += texts[j++].length;
    const { matches } = await sendMessage({ type: MessageType.SCAN, texts: texts.slice(i, j) });
    out.push(...matches);
    i = j;
  }
  return out;
}

function documentOrder(a, b) {
  if (a === b) return 0;
  const position = a.compareDocumentPosition(b);
  if (position & Node.DOCUMENT_POSITION_FOLLOWING) return -1;
  if (position & Node.DOCUMENT_POSITION_PRECEDING) return 1;
  return 0;
}

/** All blocks of `root` with their matches, painted; `{blocks, shadowRoots}`. */
export async function readAndMatch(root, rules, exclude, scan) {
  const walker = new Walker(root, rules, exclude);
  const blocks = [];
  for (let block = walker.next(); block; block = walker.next()) blocks.push(block);
  const matches = await scan(blocks.map((b) => b.text));
  return { blocks: blocks.map((block, i) => ({ block, matches: matches[i] ?? [] })), shadowRoots: walker.shadowRoots };
}

export class FallbackSession {
  /**
   * @param {{root: Node, exclude: string|null}} scope
   * @param {object} rules parsed DOM rules
   * @param {{[id: string]: {label: string, kind: string, color: string}}} categories
   * @param {string[]} hidden
   * @param {(summary: object) => void} onUpdate
   * @param {(texts: string[]) => Promise<object[][]>} scan
   */
  constructor({ root, exclude }, rules, categories, hidden, onUpdate, scan = scanInBackground) {
    this.path = 'fallback';
    this.root = root;
    this.exclude = exclude ?? null;
    this.rules = rules;
    this.categories = categories;
    this.onUpdate = onUpdate;
    this.scan = scan;
    this.document = root.ownerDocument ?? root;
    this.painter = new HighlightPainter(this.document, categories, hidden);
    const host = root.getRootNode?.();
    if (host && host !== this.document && host.nodeType === 11) this.painter.adopt(host);
    /** Painted blocks in document order: `{anchor, text, matches, placed: [{range, match}]}`. */
    this.blocks = [];
    this.current = null;
    this.stopped = false;
    this.pending = new Set();
    this.timer = null;
    this.firstSeen = null;
    this.busy = null;
  }

  /** Reads, matches and paints everything under the root. */
  async highlightAll() {
    const { blocks, shadowRoots } = await readAndMatch(this.root, this.rules, this.exclude, this.scan);
    if (this.stopped) return;
    for (const { block, matches } of blocks) this.paint(block, matches);
    for (const shadow of shadowRoots) this.painter.adopt(shadow);
  }

  paint(block, matches) {
    if (!matches.length) return;
    const placed = matchRanges(block, matches, this.document);
    for (const { range, match } of placed) this.painter.add(match.category, range);
    this.blocks.push({ anchor: block.spans[0].node, text: block.text, matches, placed });
  }

  /** Highlights the root and follows its changes (changes made while it is read are caught up after). */
  async start() {
    this.observe();
    this.busy = this.highlightAll().finally(() => {
      this.busy = null;
      this.schedule();
    });
    await this.busy;
  }

  /** Starts live mode. */
  observe() {
    this.observer = new MutationObserver((records) => {
      for (const record of records) this.pending.add(record.target);
      this.schedule();
    });
    this.observer.observe(this.root, { childList: true, characterData: true, subtree: true });
  }

  schedule() {
    if (this.pending.size === 0 || this.stopped) return;
    const now = performance.now();
    this.firstSeen ??= now;
    clearTimeout(this.timer);
    const delay = now - this.firstSeen >= MAX_WAIT_MS ? 0 : DEBOUNCE_MS;
    this.timer = setTimeout(() => this.flush(), delay);
  }

  async flush() {
    this.timer = null;
    if (this.busy) return; // the running refresh reschedules when it ends
    const nodes = [...this.pending];
    this.pending.clear();
    this.firstSeen = null;
    this.busy = this.refresh(nodes)
      .catch((error) => console.error('newsmark: live update failed:', error))
      .finally(() => {
        this.busy = null;
        this.schedule();
      });
    await this.busy;
  }

  /** Re-reads the blocks around `changed` nodes (`State::refresh` of src/web/session.rs). */
  async refresh(changed) {
    const owners = [];
    for (const node of changed) {
      if (!this.root.contains(node)) continue;
      const owner = blockOwner(node, this.root, this.rules, this.exclude);
      if (!owner || owners.some((o) => o.contains(owner))) continue;
      for (let i = owners.length - 1; i >= 0; i -= 1) if (owner.contains(owners[i])) owners.splice(i, 1);
      owners.push(owner);
    }
    if (owners.length === 0) return;
    const read = [];
    for (const owner of owners) read.push(await readAndMatch(owner, this.rules, this.exclude, this.scan));
    if (this.stopped) return;
    // Blocks inside a changed owner, or no longer in the page, are taken off and painted again.
    const kept = [];
    for (const block of this.blocks) {
      if (!this.root.contains(block.anchor) || owners.some((o) => o.contains(block.anchor))) {
        for (const { range, match } of block.placed) this.painter.remove(match.category, range);
      } else {
        kept.push(block);
      }
    }
    this.blocks = kept;
    for (const { blocks, shadowRoots } of read) {
      for (const { block, matches } of blocks) this.paint(block, matches);
      for (const shadow of shadowRoots) this.painter.adopt(shadow);
    }
    this.blocks.sort((a, b) => documentOrder(a.anchor, b.anchor));
    this.current = null;
    this.painter.setCurrent(null);
    this.onUpdate?.(this.summary());
  }

  /** Every painted `{range, match}`, in document order. */
  placed() {
    return this.blocks.flatMap((b) => b.placed);
  }

  /** The report: counts per category and entry (every match, shown or hidden). */
  summary() {
    return summarize(this.blocks.flatMap((b) => b.matches), this.categories, this.path);
  }

  setHidden(hidden) {
    this.painter.setHidden(hidden, this.placed());
    this.current = null;
    this.painter.setCurrent(null);
  }

  /** `Highlighter.next`/`previous` for the fallback: scrolls to the occurrence and marks it. */
  step(filter, forward) {
    const occurrences = this.placed().filter(({ match }) => !this.painter.hidden.has(match.category)
      && (!filter || match.kind === filter || match.category === filter || match.entry === filter));
    if (occurrences.length === 0) return null;
    const total = occurrences.length;
    const here = this.current ? occurrences.findIndex((o) => o.range === this.current) : -1;
    const index = here >= 0 ? (forward ? (here + 1) % total : (here + total - 1) % total) : (forward ? 0 : total - 1);
    const { range, match } = occurrences[index];
    this.current = range;
    this.painter.setCurrent(range);
    const container = range.startContainer;
    const element = container.nodeType === 1 ? container : container.parentElement;
    element?.scrollIntoView({ block: 'center' });
    return { index, total, entry: match.entry, label: match.label, kind: match.kind, category: match.category };
  }

  stop() {
    this.stopped = true;
    this.observer?.disconnect();
    clearTimeout(this.timer);
    this.painter.release(this.placed());
    this.blocks = [];
  }
}

/** Highlights `scope` the fallback way; answers the running session. */
export async function startFallback(scope, config, onUpdate) {
  const { rules, categories } = await sendMessage({ type: MessageType.FALLBACK_SETUP });
  const session = new FallbackSession(scope, parseRules(rules), categories, config.hidden ?? [], onUpdate);
  await session.start();
  return session;
}
