// Just enough of a .d.ts reader for the package tests (there is no TypeScript compiler here): the
// exported names, the members of classes and interfaces with whether a doc comment precedes them,
// and the type names a file uses. Line-based: it reads wasm-bindgen's output and embed.d.ts, whose
// layout is regular (one member per line, blocks closed by a `}` line). Not a test file.

/** `text` without comments and string literals (so prose and paths do not count as types). */
export function code(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '')
    .replace(/'[^'\n]*'|"[^"\n]*"|`[^`\n]*`/g, "''");
}

/**
 * The declarations of a .d.ts: `[{name, kind, documented, members: [{name, documented}]}]` for
 * every top-level `export` (and `declare global` interfaces, with `global: true`). Re-exports
 * (`export { a } from`) are `{name, kind: 're-export', typeOnly}`; the default export is named `default`.
 */
export function declarations(text) {
  const lines = text.split('\n');
  const result = [];
  let block = null; // the class or interface whose members are being read
  let depth = 0;
  let global = false;
  const documented = (i) => {
    for (let j = i - 1; j >= 0; j -= 1) {
      const line = lines[j].trim();
      if (line === '') continue;
      return line.endsWith('*/');
    }
    return false;
  };
  lines.forEach((raw, i) => {
    const line = raw.replace(/\/\/.*$/, '');
    const trimmed = line.trim();
    if (block && depth === 1) {
      const member = trimmed.match(/^(?:static\s+|readonly\s+)*(\[Symbol\.\w+\]|[\w$]+|'[^']+')\??\s*[(:<]/);
      if (member) block.members.push({ name: member[1].replace(/'/g, ''), documented: documented(i) });
    }
    if (!block) {
      let m;
      if (/^declare global\s*\{/.test(trimmed)) global = true;
      if ((m = trimmed.match(/^export\s+(?:declare\s+)?(?:default\s+)?(class|interface|function|type|const|enum)\s+([\w$]+)/))) {
        const isDefault = /^export\s+(?:declare\s+)?default\s/.test(trimmed);
        const entry = { name: isDefault ? 'default' : m[2], local: m[2], kind: m[1], documented: documented(i), members: [] };
        result.push(entry);
        if ((m[1] === 'class' || m[1] === 'interface') && trimmed.endsWith('{')) {
          block = entry;
          depth = 0;
        }
      } else if ((m = trimmed.match(/^interface\s+([\w$]+)/)) && global) {
        const entry = { name: m[1], kind: 'interface', global: true, documented: documented(i), members: [] };
        result.push(entry);
        if (trimmed.endsWith('{')) {
          block = entry;
          depth = 0;
        }
      } else if ((m = trimmed.match(/^export\s+(type\s+)?\{([^}]*)\}/))) {
        for (const part of m[2].split(',')) {
          const name = part.trim().split(/\s+as\s+/).pop();
          if (name) result.push({ name, kind: 're-export', typeOnly: Boolean(m[1]), documented: true, members: [] });
        }
      } else if ((m = trimmed.match(/^export\s+default\s+([\w$]+);/))) {
        result.push({ name: 'default', local: m[1], kind: 'default', documented: true, members: [] });
      }
    }
    if (block) {
      for (const c of code(line)) {
        if (c === '{') depth += 1;
        if (c === '}') depth -= 1;
      }
      if (depth === 0 && trimmed.includes('}')) block = null;
    }
  });
  return result;
}

/** Names brought in by `import type { … }` / `import { … }`. */
export function imported(text) {
  const names = new Set();
  for (const m of text.matchAll(/^import\s+(?:type\s+)?\{([^}]*)\}/gm)) {
    for (const part of m[1].split(',')) {
      const name = part.trim().split(/\s+as\s+/).pop();
      if (name) names.add(name);
    }
  }
  return names;
}

/** Type-like names (capitalised identifiers, not after a `.`) used in the code of a .d.ts. */
export function typeNamesUsed(text) {
  const names = new Set();
  for (const m of code(text).matchAll(/(?<![.\w$])([A-Z][\w$]*)/g)) names.add(m[1]);
  return names;
}

/** Globals of the ES and DOM libraries that the package's .d.ts files may name. */
export const GLOBAL_TYPES = new Set([
  'Promise', 'Symbol', 'Record', 'Node', 'Element', 'HTMLElement', 'CustomEvent', 'URL', 'Request',
  'RequestInfo', 'Response', 'BufferSource', 'WebAssembly', 'HTMLElementTagNameMap', 'HTMLElementEventMap',
]);
