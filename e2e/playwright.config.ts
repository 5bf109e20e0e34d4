// Playwright configuration of the Bürgerportal end-to-end tests (architecture-guide §11.2).
//
// The web server is the release backend (`target/server/backend`) serving the release `dist/`
// with the demo content, on a free port of 127.0.0.1 and a fresh SQLite data directory per run.
// Environment (all optional):
//   E2E_PORT        port of the backend (default: a free port)
//   E2E_BACKEND     backend binary (default: ../target/server/backend)
//   E2E_DIST_DIR    built frontend (default: ../dist)
//   E2E_DATA_DIR    data directory (default: a fresh temp dir, removed after the run)
//   E2E_DATABASE_URL  use this database (e.g. a fresh PostgreSQL database) instead of SQLite
//   E2E_SMTP_PORT   port of the SMTP sink that receives the portal's e-mail (default: a free
//                   port); messages land as .eml files in <data dir>/mail
//   CHROMIUM_PATH   browser (default: Debian's /usr/bin/chromium)
//   E2E_JSON_REPORT also write a JSON report to this file (scripts/test counts the results)
import { defineConfig, type ReporterDescription } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// The config is evaluated in the runner and again in every worker; values chosen here are put in
// the environment, which the workers inherit, so that all processes agree on them.
function freePort(): string {
  return execFileSync(
    process.execPath,
    [
      '-e',
      'const s = require("node:net").createServer();' +
        's.listen(0, "127.0.0.1", () => { process.stdout.write(String(s.address().port)); s.close(); });',
    ],
    { encoding: 'utf8' },
  ).trim();
}

process.env.E2E_PORT ??= freePort();
process.env.E2E_SMTP_PORT ??= freePort();
if (!process.env.E2E_DATA_DIR) {
  process.env.E2E_DATA_DIR = mkdtempSync(join(tmpdir(), 'bp-e2e-'));
  process.env.E2E_OWNS_DATA_DIR = '1';
}

const port = Number(process.env.E2E_PORT);
const dataDir = process.env.E2E_DATA_DIR;
const backend = resolve(__dirname, process.env.E2E_BACKEND ?? '../target/server/backend');
const distDir = resolve(__dirname, process.env.E2E_DIST_DIR ?? '../dist');
const baseURL = `http://127.0.0.1:${port}`;
const smtpPort = Number(process.env.E2E_SMTP_PORT);
const mailDir = join(dataDir, 'mail');
// Optional: run against PostgreSQL instead of SQLite in the data directory.
const databaseUrl = process.env.E2E_DATABASE_URL;

const chromiumFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const reporter: ReporterDescription[] = [['list']];
if (process.env.E2E_JSON_REPORT) {
  reporter.push(['json', { outputFile: process.env.E2E_JSON_REPORT }]);
}

const journeys = /journeys\/.*\.spec\.ts$/;
const pageChecks = /pages\/.*\.spec\.ts$/;

export default defineConfig({
  testDir: './tests',
  forbidOnly: true,
  retries: 0,
  // 2 cores shared with the backend and the browser.
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter,
  globalTeardown: './support/global-teardown.ts',
  use: {
    baseURL,
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: chromiumFlags,
    },
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    // The journeys run on a typical phone.
    {
      name: 'phone-360',
      testMatch: journeys,
      use: {
        viewport: { width: 360, height: 740 },
        isMobile: true,
        hasTouch: true,
      },
    },
    // Accessibility of the public pages at the reflow width and on a desktop.
    {
      name: 'phone-320',
      testMatch: pageChecks,
      use: { viewport: { width: 320, height: 640 } },
    },
    {
      name: 'desktop',
      testMatch: pageChecks,
      use: { viewport: { width: 1280, height: 800 } },
    },
  ],
  webServer: [
    {
      // A real SMTP server for the portal's e-mail (support/smtp-sink.mjs).
      command: `node support/smtp-sink.mjs ${smtpPort} ${JSON.stringify(mailDir)}`,
      port: smtpPort,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // The backend also reads settings from BP_* / DATABASE_URL variables: the test run must not
      // pick up a developer's database, password or cookie settings.
      command: [
        'env -u DATABASE_URL -u BP_DEMO_PASSWORD -u BP_SECURE_COOKIES -u BP_DEMO -u BP_SMTP_URL -u BP_MAIL_FROM -u BP_PUBLIC_URL',
        JSON.stringify(backend),
        '--demo',
        `--port ${port}`,
        '--bind 127.0.0.1',
        `--data-dir ${JSON.stringify(dataDir)}`,
        `--dist-dir ${JSON.stringify(distDir)}`,
        `--smtp-url smtp://127.0.0.1:${smtpPort}`,
        '--mail-from "Stadt Musterstadt <buergerportal@musterstadt.example>"',
        `--public-url ${baseURL}`,
        ...(databaseUrl ? [`--database-url ${JSON.stringify(databaseUrl)}`] : []),
      ].join(' '),
      url: `${baseURL}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
