// Where the matches of a block go on the page: a port of `pieces()` and the css-mode branch of
// `Painter::paint` in src/web/paint.rs, for the fallback path.
//
// The fallback must paint exactly the ranges the wasm highlighter paints, so the rules are the Rust
// ones: a match is cut into one piece per text node it covers, each piece trimmed of white space
// (Unicode White_Space) at both ends, whitespace-only pieces dropped; the range of a match runs from
// the start of its first piece to the end of its last. Offsets are UTF-16 code units. This module is
// pure (no registry, no style): it takes walker blocks and scan matches and returns ranges, which is
// what the equivalence test compares.

import { isWhiteSpace } from '../walker.js';

/**
 * The pieces of `matches` in `block` (`{span, start, end, match}`, offsets within the span's node).
 * @param {{text: string, spans: {node: Text, start: number, len: number}[]}} block
 * @param {{start: number, end: number}[]} matches sorted, non-overlapping
 */
export function pieces(block, matches) {
  const out = [];
  const spans = block.spans;
  let span = 0;
  matches.forEach((m, match) => {
    let unit = m.start;
    let current = null;
    for (const c of block.text.slice(m.start, m.end)) {
      while (spans[span].start + spans[span].len <= unit) span += 1;
      const local = unit - spans[span].start;
      unit += c.length;
      if (current && current.span !== span) {
        out.push(current);
        current = null;
      }
      if (isWhiteSpace(c)) continue;
      if (current) current.end = local + c.length;
      else current = { span, start: local, end: local + c.length, match };
    }
    if (current) out.push(current);
  });
  return out;
}

/**
 * One `Range` per match that has a visible piece, in match order: `[{range, match}]` where `match` is
 * the scan match itself.
 */
export function matchRanges(block, matches, document = block.spans[0].node.ownerDocument) {
  const cut = pieces(block, matches);
  const out = [];
  for (let i = 0; i < cut.length; ) {
    const first = cut[i];
    let last = first;
    while (i + 1 < cut.length && cut[i + 1].match === first.match) {
      i += 1;
      last = cut[i];
    }
    i += 1;
    const range = document.createRange();
    range.setStart(block.spans[first.span].node, first.start);
    range.setEnd(block.spans[last.span].node, last.end);
    out.push({ range, match: matches[first.match] });
  }
  return out;
}
