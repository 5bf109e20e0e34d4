// Measuring half of scripts/page-weight: opens the portal's form page and form.io's equivalent
// page (served by formio-server.cjs) in headless Debian Chromium through playwright-core (from
// bench/node/node_modules), each visit in a fresh browser context (empty cache), and prints
// key=value lines:
//   - bytes over the network for the first visit: the sum of encodedDataLength of CDP
//     Network.loadingFinished (compressed bytes plus response headers), split by type;
//   - then the first input (focus on that field, one key): the bytes transferred by then in
//     total (our page loads the form bundle on the first interaction) and the ms from the focus
//     until the app has taken over the server-rendered view (0 for form.io, which has no such
//     step);
//   - ms from navigation start until the first text field of the form ("Was haben Sie
//     gefunden?") is visible and enabled, checked once per animation frame in the page (so the
//     time is also one at which the page could paint), with CPU throttling 4x and Lighthouse's
//     slow-4G profile (150 ms latency, 1.6 Mbit/s down, 750 Kbit/s up), median of <runs>.
// Both sides are asked for gzip only (Accept-Encoding: gzip, deflate): the bar is about gzip, and
// the form.io server does not do brotli. A visit ends when the field is ready and the network has
// been idle for 500 ms. Requests to other hosts fail (host resolver rules) and are listed. The
// browser's own request for /favicon.ico (sent after the load event, so not in every run) is not
// part of the page: it is left out of the totals and reported on its own.
//
// usage: node measure.cjs <url of the portal's form page> <runs>
'use strict';

const path = require('node:path');
const { serve, versions } = require('./formio-server.cjs');

const { chromium } = require(require.resolve('playwright-core', {
  paths: [path.resolve(__dirname, '..', 'node')],
}));

const [oursUrl, runsArg] = process.argv.slice(2);
const runs = Number(runsArg || 3);
if (!oursUrl || !Number.isInteger(runs) || runs < 1) {
  console.error('usage: node measure.cjs <url of the portal form page> <runs>');
  process.exit(2);
}

const FIELD_LABEL = 'Was haben Sie gefunden?';
const CATEGORIES = ['document', 'script', 'wasm', 'stylesheet', 'font', 'fetch', 'other'];
const SLOW_4G = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1024 * 1024) / 8,
  uploadThroughput: (750 * 1024) / 8,
  connectionType: 'cellular4g',
};
const CPU_SLOWDOWN = 4;
const TIMEOUT_MS = 180_000;

// Runs in the page before its own scripts: once per animation frame, looks for the input that a
// <label> with FIELD_LABEL names and records performance.now() (ms since navigation start) when
// it is visible and enabled.
function watchField(label) {
  const normalise = (text) => text.replace(/\s+/g, ' ').trim();
  const ready = (input) =>
    input.checkVisibility({ opacityProperty: true, visibilityProperty: true }) &&
    input.getClientRects().length > 0 &&
    input.matches(':enabled') &&
    !input.readOnly;
  const check = () => {
    for (const element of document.querySelectorAll('label')) {
      if (!normalise(element.textContent).startsWith(label)) continue;
      const input = element.control;
      if (input && ready(input)) {
        window.__pageWeightFieldReady = performance.now();
        return;
      }
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

function category(request) {
  if (request.mime === 'application/wasm' || /\.wasm(\?|$)/.test(request.url)) return 'wasm';
  switch (request.type) {
    case 'Document': return 'document';
    case 'Script': return 'script';
    case 'Stylesheet': return 'stylesheet';
    case 'Font': return 'font';
    case 'Fetch':
    case 'XHR': return 'fetch';
    default: return 'other';
  }
}

async function visit(browser, url) {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
  });
  try {
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (error) => problems.push(String(error).replace(/\s+/g, ' ')));
    const requests = new Map();
    const cdp = await context.newCDPSession(page);
    cdp.on('Network.requestWillBeSent', (event) => {
      requests.set(event.requestId, { url: event.request.url, type: event.type, bytes: 0 });
    });
    cdp.on('Network.responseReceived', (event) => {
      const request = requests.get(event.requestId);
      if (!request) return;
      request.mime = event.response.mimeType;
      const headers = Object.fromEntries(
        Object.entries(event.response.headers).map(([name, value]) => [name.toLowerCase(), value]),
      );
      request.encoding = headers['content-encoding'] || 'identity';
    });
    cdp.on('Network.loadingFinished', (event) => {
      const request = requests.get(event.requestId);
      if (request) request.bytes = event.encodedDataLength;
    });
    cdp.on('Network.loadingFailed', (event) => {
      const request = requests.get(event.requestId);
      if (request) request.failed = event.errorText;
    });
    await cdp.send('Network.enable');
    await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': 'gzip, deflate' } });
    await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    await page.addInitScript(watchField, FIELD_LABEL);

    await page.goto(url, { waitUntil: 'commit', timeout: TIMEOUT_MS });
    await page
      .waitForFunction(() => window.__pageWeightFieldReady, null, { timeout: TIMEOUT_MS, polling: 100 })
      .catch((error) => {
        throw new Error(`${url}: the field "${FIELD_LABEL}" did not become ready: ${problems.join('; ') || error}`);
      });
    const readyMs = await page.evaluate(() => window.__pageWeightFieldReady);
    await page.waitForLoadState('networkidle', { timeout: TIMEOUT_MS });

    const firstVisit = tally(requests);

    // The first input: the citizen focuses the field and types. Our page loads the form bundle
    // now and the app takes over the server-rendered view (#bp-server-view goes); form.io's
    // page has everything already. Measured in the page from the focus until the app runs.
    const takeoverMs = await page.evaluate(watchTakeover, FIELD_LABEL);
    await page.keyboard.type('S');
    await page.waitForLoadState('networkidle', { timeout: TIMEOUT_MS });
    const afterInput = tally(requests);
    return {
      readyMs,
      ...firstVisit,
      takeoverMs,
      interactiveTotal: afterInput.total,
      interactiveBytes: afterInput.bytes,
      problems,
    };
  } finally {
    await context.close();
  }
}

// Runs in the page: focuses the input that a <label> with `label` names and resolves with the
// ms until no server-rendered view is left (at once on pages that have none).
function watchTakeover(label) {
  const normalise = (text) => text.replace(/\s+/g, ' ').trim();
  const input = [...document.querySelectorAll('label')]
    .find((element) => normalise(element.textContent).startsWith(label))?.control;
  if (!input) throw new Error(`no field "${label}"`);
  const start = performance.now();
  input.focus();
  return new Promise((resolve) => {
    const check = () => {
      if (document.getElementById('bp-server-view')) requestAnimationFrame(check);
      else resolve(performance.now() - start);
    };
    check();
  });
}

// Bytes by category of the requests so far (see the header for what counts).
function tally(requests) {
  const bytes = Object.fromEntries(CATEGORIES.map((name) => [name, 0]));
  const encodings = new Set();
  const failed = [];
  let count = 0;
  let favicon = 0;
  for (const request of requests.values()) {
    if (request.url.startsWith('data:')) continue;
    if (request.failed) {
      failed.push(`${request.url} (${request.failed})`);
      continue;
    }
    if (new URL(request.url).pathname === '/favicon.ico') {
      favicon += request.bytes;
      continue;
    }
    count += 1;
    bytes[category(request)] += request.bytes;
    if (request.encoding && request.bytes > 1024) encodings.add(request.encoding);
  }
  const total = Object.values(bytes).reduce((sum, value) => sum + value, 0);
  return { total, bytes, count, favicon, encodings: [...encodings].sort(), failed };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function report(side, results) {
  const totals = results.map((result) => result.total);
  // The split is that of the run with the median total (all runs should transfer the same).
  const typical = [...results].sort((a, b) => a.total - b.total)[Math.floor((results.length - 1) / 2)];
  console.log(`${side}_ready_ms=${median(results.map((result) => result.readyMs)).toFixed(0)}`);
  console.log(`${side}_ready_runs_ms=${results.map((result) => result.readyMs.toFixed(0)).join(',')}`);
  console.log(`${side}_bytes=${typical.total}`);
  console.log(`${side}_bytes_runs=${totals.join(',')}`);
  for (const name of CATEGORIES) console.log(`${side}_bytes_${name}=${typical.bytes[name]}`);
  console.log(`${side}_takeover_ms=${median(results.map((result) => result.takeoverMs)).toFixed(0)}`);
  console.log(`${side}_interactive_bytes=${typical.interactiveTotal}`);
  console.log(`${side}_interactive_bytes_wasm=${typical.interactiveBytes.wasm}`);
  console.log(`${side}_requests=${typical.count}`);
  console.log(`${side}_favicon_bytes=${Math.max(...results.map((result) => result.favicon))}`);
  console.log(`${side}_encodings=${typical.encodings.join(',') || 'none'}`);
  const failed = [...new Set(results.flatMap((result) => result.failed))];
  console.log(`${side}_failed=${failed.join(' ') || 'none'}`);
  const problems = [...new Set(results.flatMap((result) => result.problems))];
  console.log(`${side}_page_errors=${problems.join(' | ') || 'none'}`);
}

async function main() {
  const server = await serve();
  const formioUrl = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      // Only the two local servers are reachable: a request elsewhere fails and is reported.
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
  });
  try {
    const results = { ours: [], formio: [] };
    // Alternate the sides so that a slow moment of the machine hits both alike.
    for (let run = 0; run < runs; run += 1) {
      results.ours.push(await visit(browser, oursUrl));
      results.formio.push(await visit(browser, formioUrl));
    }
    const peer = versions();
    console.log(`browser=${browser.version()}`);
    console.log(`runs=${runs}`);
    console.log(`formio_version=${peer['@formio/js']}`);
    console.log(`bootstrap_version=${peer.bootstrap}`);
    console.log(`bootstrap_icons_version=${peer['bootstrap-icons']}`);
    report('ours', results.ours);
    report('formio', results.formio);
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((error) => {
  console.error(error.stack || String(error));
  process.exit(1);
});
