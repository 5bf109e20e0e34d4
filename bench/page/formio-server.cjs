// Static server of the form.io peer page (scripts/page-weight): bench/page/formio/ plus the
// renderer and style sheets from bench/node/node_modules under /vendor/. Like the portal's
// backend (tower-http CompressionLayer), it compresses responses on the fly with gzip when the
// browser accepts it (zlib's default level 6); images are sent as they are.
//
// Used as a module by measure.cjs; run it directly to look at the page:
//   node bench/page/formio-server.cjs [port]
'use strict';

const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const zlib = require('node:zlib');

const modules = path.resolve(__dirname, '..', 'node', 'node_modules');
const pageDir = path.join(__dirname, 'formio');

// URL path -> file. Nothing else is served.
const files = {
  '/': path.join(pageDir, 'index.html'),
  '/fundsache-melden.formio.json': path.join(pageDir, 'fundsache-melden.formio.json'),
  '/vendor/bootstrap.min.css': path.join(modules, 'bootstrap', 'dist', 'css', 'bootstrap.min.css'),
  '/vendor/bootstrap-icons.min.css': path.join(modules, 'bootstrap-icons', 'font', 'bootstrap-icons.min.css'),
  '/vendor/fonts/bootstrap-icons.woff2': path.join(modules, 'bootstrap-icons', 'font', 'fonts', 'bootstrap-icons.woff2'),
  '/vendor/fonts/bootstrap-icons.woff': path.join(modules, 'bootstrap-icons', 'font', 'fonts', 'bootstrap-icons.woff'),
  '/vendor/formio.form.min.css': path.join(modules, '@formio', 'js', 'dist', 'formio.form.min.css'),
  '/vendor/formio.form.min.js': path.join(modules, '@formio', 'js', 'dist', 'formio.form.min.js'),
};

const types = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

function versionOf(name) {
  return JSON.parse(fs.readFileSync(path.join(modules, name, 'package.json'), 'utf8')).version;
}

/** Versions of the served packages, e.g. { '@formio/js': '5.6.0', ... }. */
function versions() {
  return Object.fromEntries(['@formio/js', 'bootstrap', 'bootstrap-icons'].map((name) => [name, versionOf(name)]));
}

/** Starts the server on 127.0.0.1 (port 0: a free one); resolves to the http.Server. */
function serve(port = 0) {
  for (const file of Object.values(files)) {
    if (!fs.existsSync(file)) throw new Error(`missing ${file} (npm ci in bench/node)`);
  }
  const server = http.createServer((request, response) => {
    const file = files[new URL(request.url, 'http://127.0.0.1').pathname];
    if (!file) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    const type = types[path.extname(file)] || 'application/octet-stream';
    const headers = { 'Content-Type': type, 'Cache-Control': 'no-cache', Vary: 'Accept-Encoding' };
    const gzip = /\bgzip\b/.test(request.headers['accept-encoding'] || '') && !type.startsWith('image/');
    if (gzip) headers['Content-Encoding'] = 'gzip';
    response.writeHead(200, headers);
    const body = fs.createReadStream(file);
    (gzip ? body.pipe(zlib.createGzip()) : body).pipe(response);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

module.exports = { serve, versions };

if (require.main === module) {
  serve(Number(process.argv[2] || 0)).then((server) => {
    console.log(`form.io peer page: http://127.0.0.1:${server.address().port}/`);
  });
}
