// Static server for the playground and the browser tests: serves the package root, so /web,
// /dist, /build, /examples (and /out for test artifacts) are reachable, with sirv's MIME types
// (application/wasm for .wasm, text/javascript for .js). No caching (dev = true), localhost only.
//
//   node scripts/serve.js [--port 8080]     (npm run playground builds first)
//
// As a module: `const { url, close } = await startServer({ port: 0 })` (port 0 = any free port).
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import sirv from 'sirv';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Starts the static server on 127.0.0.1. Resolves to `{ url, port, close() }` once listening;
 * `url` is the playground page. `/` redirects to `/web/`.
 */
export function startServer({ port = 0, host = '127.0.0.1' } = {}) {
  const files = sirv(root, { dev: true, dotfiles: false, extensions: ['html'] });
  const server = http.createServer((req, res) => {
    if (req.url === '/' || req.url === '/index.html') {
      res.writeHead(302, { location: '/web/' });
      res.end();
      return;
    }
    files(req, res, () => {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end(`not found: ${req.url}\n`);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const p = server.address().port;
      resolve({
        port: p,
        url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${p}/web/`,
        close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
      });
    });
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const i = process.argv.indexOf('--port');
  const port = i > 0 ? Number(process.argv[i + 1]) : Number(process.env.PORT ?? 8080);
  const { url } = await startServer({ port });
  console.log(`pixaug playground: ${url}`);
  console.log('(Ctrl+C to stop)');
}
