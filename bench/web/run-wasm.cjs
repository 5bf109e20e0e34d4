// WASM half of scripts/bench: serves bench/web (the page plus the wasm-bindgen output in
// <pkg dir>) on 127.0.0.1 at a free port, opens it in headless Debian Chromium through
// playwright-core (from e2e/node_modules) and prints the page's timings as key=value lines
// (microseconds).
//
// The server sends COOP/COEP headers so the page is cross-origin isolated: only then does
// Chromium give performance.now() microsecond resolution (otherwise 100 µs).
//
// usage: node run-wasm.cjs <pkg dir> <iterations>
'use strict';

const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const { chromium } = require(require.resolve('playwright-core', {
  paths: [path.join(root, 'e2e', 'node_modules')],
}));

const [pkgDir, iterationsArg] = process.argv.slice(2);
const iterations = Number(iterationsArg || 500);
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm' };

function serve() {
  const server = http.createServer((request, response) => {
    const url = new URL(request.url, 'http://127.0.0.1');
    const name = url.pathname === '/' ? 'index.html' : url.pathname.slice(1);
    const file = name.startsWith('pkg/')
      ? path.join(pkgDir, path.basename(name))
      : path.join(__dirname, path.basename(name));
    fs.readFile(file, (error, body) => {
      if (error) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, {
        'Content-Type': types[path.extname(file)] || 'application/octet-stream',
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cross-Origin-Embedder-Policy': 'require-corp',
        'Cache-Control': 'no-store',
      });
      response.end(body);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function main() {
  const server = await serve();
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    const problems = [];
    page.on('pageerror', (error) => problems.push(String(error)));
    page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForFunction(() => window.benchReady === true || undefined, null, { timeout: 60_000 })
      .catch((error) => { throw new Error(`page did not load the benchmark: ${problems.join('; ') || error}`); });
    const isolated = await page.evaluate(() => self.crossOriginIsolated);
    const result = await page.evaluate((n) => window.runBench(n), iterations);
    if (result.error) throw new Error(result.error);
    console.log(`wasm_browser=${browser.version()}`);
    console.log(`wasm_isolated=${isolated}`);
    console.log(`wasm_runs=${result.runs}`);
    for (const key of ['min', 'median', 'p95', 'mean']) {
      console.log(`wasm_${key}_us=${result[`${key}_us`].toFixed(1)}`);
    }
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((error) => {
  console.error(`run-wasm: ${error.message || error}`);
  process.exit(1);
});
