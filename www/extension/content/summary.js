// The summary a content script reports to the background (counts for the badge and the popup), made
// from the wasm highlighter's report or, on the fallback path, from the scan matches.
//
// Why one shape for both paths: the background, the badge and the popup must not care how a page was
// highlighted. The fallback's counts follow `Analysis::report` in src/analysis.rs: every match counts
// (hidden categories too), every category appears (0 when absent), entries most frequent first, ties
// by label.

/** Entries kept in a summary (the popup shows the top few of each kind). */
const MAX_ENTRIES = 40;

/** A summary from a wasm `Report`. */
export function fromReport(report, path = 'wasm') {
  return {
    total: report.total,
    categories: { ...report.categories },
    entries: report.entries.slice(0, MAX_ENTRIES).map(({ id, label, kind, category, count }) => ({ id, label, kind, category, count })),
    path,
  };
}

/** A summary from scan matches (`{entry, label, kind, category}`) and the dictionary's categories. */
export function summarize(matches, categories, path = 'fallback') {
  const counts = Object.fromEntries(Object.keys(categories).sort().map((id) => [id, 0]));
  const entries = new Map();
  for (const m of matches) {
    counts[m.category] = (counts[m.category] ?? 0) + 1;
    const entry = entries.get(m.entry);
    if (entry) entry.count += 1;
    else entries.set(m.entry, { id: m.entry, label: m.label, kind: m.kind, category: m.category, count: 1 });
  }
  const list = [...entries.values()].sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  return { total: matches.length, categories: counts, entries: list.slice(0, MAX_ENTRIES), path };
}
