// Conversion between spaCy EntityRuler pattern files (JSONL) and newsmark dictionaries.
//
// Why: many newsrooms and researchers already keep their gazetteers as EntityRuler patterns; importing
// them directly saves a conversion script. Only string patterns map to aliases (token patterns — lists
// of token attributes — have no newsmark equivalent and are skipped with a note). The mapping, also
// documented in docs/dictionary.md and docs/extension.md, is: one entry per `id` (or per pattern text
// when a line has none); `label` → category: spaCy's standard PERSON/PER, ORG and GPE go to the
// default dictionary's `person`, `organization` and `country`, any other label to a category of its
// own (lower-cased: WORK_OF_ART → work_of_art), which the imported dictionary defines (as actors, with
// a colour) unless the stack already has it; entry label = the `id` or the pattern text, aliases = the
// patterns of all lines with that id. Every error names the line. The result is validated like any
// dictionary by the caller.

/** Entry ids as the dictionary parser accepts them. */
const ENTRY_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;

/** spaCy's standard entity labels that have a category in the default dictionary. */
const STANDARD_LABELS = { PERSON: 'person', PER: 'person', ORG: 'organization', GPE: 'country' };

/** Colours for categories an import defines: light, readable under black text, unlike the default's. */
const IMPORT_COLORS = ['#ffd166', '#c3f0ca', '#ffc4d6', '#b8e0ff', '#e2c2ff', '#ffdcb8', '#d0f4de', '#f1c0e8'];

/** The category id for a spaCy label, or `null` when none can be made from it. */
export function categoryFor(label) {
  if (STANDARD_LABELS[label.toUpperCase()]) return STANDARD_LABELS[label.toUpperCase()];
  const id = label.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^[^a-z]+/, '').replace(/-+$/, '');
  return id ? id.slice(0, 64) : null;
}

/** An entry id made of the pattern text: `Acme Corp.` → `acme-corp` (or `null` for, say, 普京). */
export function slug(text) {
  const id = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 128);
  return id || null;
}

/**
 * A dictionary from the JSONL text of `fileName`: `{dictionary, lines, notes}` where `lines[i]` is the
 * line (1-based) of entry `i`'s first pattern, for error messages. `known` holds the category ids the
 * stack already has; the dictionary defines the others. Throws an Error naming the line.
 */
export function fromJsonl(text, fileName, known = new Set()) {
  const where = (n) => `${fileName}: line ${n}`;
  const entries = new Map();
  const skipped = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const n = index + 1;
    const line = raw.replace(/^\ufeff/, '');
    if (!line.trim()) return;
    let value;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new Error(`${where(n)}: not valid JSON: ${error.message}`);
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      throw new Error(`${where(n)}: expected an object such as {"label": "ORG", "pattern": "Acme"}`);
    }
    if (typeof value.label !== 'string' || !value.label.trim()) {
      throw new Error(`${where(n)}: field 'label': expected a non-empty string`);
    }
    if (Array.isArray(value.pattern)) {
      skipped.push(n);
      return;
    }
    if (typeof value.pattern !== 'string' || !value.pattern.trim()) {
      throw new Error(`${where(n)}: field 'pattern': expected a string (or a list of token patterns, which are skipped)`);
    }
    if (value.id !== undefined && value.id !== null && typeof value.id !== 'string') {
      throw new Error(`${where(n)}: field 'id': expected a string`);
    }
    const category = categoryFor(value.label);
    if (!category) throw new Error(`${where(n)}: field 'label': '${value.label}' cannot be turned into a category id`);
    const pattern = value.pattern;
    const id = value.id ?? slug(pattern) ?? `line-${n}`;
    if (value.id !== undefined && value.id !== null && !ENTRY_ID.test(id)) {
      throw new Error(`${where(n)}: field 'id': '${id}' is not a valid entry id (letters, digits, '_', '.', ':', '-', starting with a letter or digit, at most 128)`);
    }
    const entry = entries.get(id);
    if (!entry) {
      entries.set(id, { id, label: value.id ?? pattern, category, aliases: [pattern], line: n, spacyLabel: value.label });
    } else if (entry.category !== category) {
      throw new Error(`${where(n)}: field 'label': id '${id}' has label '${value.label}' here but '${entry.spacyLabel}' on line ${entry.line} (an entry has one category)`);
    } else if (!entry.aliases.includes(pattern)) {
      entry.aliases.push(pattern);
    }
  });
  if (entries.size === 0) {
    throw new Error(skipped.length
      ? `${fileName}: only token patterns (lines ${listLines(skipped)}); only string patterns can be imported`
      : `${fileName}: no patterns (expected one {"label": ..., "pattern": "..."} object per line)`);
  }
  const list = [...entries.values()];
  const categories = {};
  for (const { category, spacyLabel } of list) {
    if (known.has(category) || categories[category]) continue;
    const color = IMPORT_COLORS[Object.keys(categories).length % IMPORT_COLORS.length];
    categories[category] = { label: spacyLabel, kind: 'actor', color };
  }
  const notes = skipped.length
    ? [`skipped ${skipped.length} token pattern${skipped.length > 1 ? 's' : ''} (line${skipped.length > 1 ? 's' : ''} ${listLines(skipped)}): only string patterns can be imported`]
    : [];
  return {
    dictionary: {
      name: fileName,
      version: 1,
      categories,
      entries: list.map(({ id, label, category, aliases }) => ({ id, label, category, aliases })),
    },
    lines: list.map((e) => e.line),
    notes,
  };
}

function listLines(lines) {
  return lines.length > 8 ? `${lines.slice(0, 8).join(', ')}, …` : lines.join(', ');
}

/**
 * A dictionary (parsed newsmark JSON) as EntityRuler JSONL: one line per alias of every enabled entry,
 * `{"label": CATEGORY, "pattern": alias, "id": entry id}`. Case sensitivity, exclusions, entry labels
 * and categories' colours have no place in the format and are lost.
 */
export function toJsonl(dictionary) {
  const lines = [];
  for (const entry of dictionary.entries ?? []) {
    if (entry.disabled) continue;
    for (const alias of entry.aliases ?? []) {
      const pattern = typeof alias === 'string' ? alias : alias?.text;
      if (typeof pattern !== 'string') continue;
      lines.push(JSON.stringify({ label: String(entry.category).toUpperCase(), pattern, id: entry.id }));
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
