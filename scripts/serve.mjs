// A static file server for the demo and the browser tests: serves a folder with the right MIME types
// (application/wasm for instantiateStreaming), on 127.0.0.1 only, optionally with extra headers per
// path (the tests serve pages under a strict Content-Security-Policy this way).
//
//   node scripts/serve.mjs DIR [PORT]          serve DIR (the demo: `make demo`)
//   import { serve } from './serve.mjs'        serve({ '/': dir, '/fixtures/': other }, { port, headers })

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
};

/**
 * Serves `mounts` ({urlPrefix: directory}) on 127.0.0.1.
 * @param {Record<string, string>} mounts
 * @param {{port?: number, headers?: (path: string) => Record<string, string>}} [options]
 * @returns {Promise<{url: string, close: () => Promise<void>}>}
 */
export async function serve(mounts, { port = 0, headers = () => ({}) } = {}) {
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
    const prefix = prefixes.find((p) => path.startsWith(p));
    if (!prefix) return notFound(response);
    const base = resolve(mounts[prefix]);
    let file = normalize(join(base, path.slice(prefix.length)));
    if (file !== base && !file.startsWith(base + sep)) return notFound(response);
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      response.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
        ...headers(path),
      });
      response.end(body);
    } catch {
      notFound(response);
    }
  });
  await new Promise((done) => server.listen(port, '127.0.0.1', done));
  const url = `http://127.0.0.1:${server.address().port}`;
  return { url, close: () => new Promise((done) => server.close(() => done())) };
}

function notFound(response) {
  response.writeHead(404, { 'content-type': 'text/plain' });
  response.end('not found');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir = 'www', port = '8000'] = process.argv.slice(2);
  const { url } = await serve({ '/': dir }, { port: Number(port) });
  console.log(`newsmark demo: ${url}/  (serving ${dir}; Ctrl-C to stop)`);
}
