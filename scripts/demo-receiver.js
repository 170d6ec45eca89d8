#!/usr/bin/env node
/**
 * A webhook receiver for trying Herald out: it answers like a DM Hub receiver, checks the
 * signatures it has a secret for, and prints each message readably.
 *
 *   npm run receiver -- [--port 3100] [--secret <s>] [--standard-secret whsec_…]
 *   (or env RECEIVER_PORT, RECEIVER_SECRET, RECEIVER_STANDARD_SECRET)
 *
 * Any path and method: 200 {"success": true}; 401 {"success": false, "error": "bad signature"} when a
 * signature is present and wrong. GET /_received answers the last 100 messages as JSON
 * [{at, method, path, headers, body, signature: "ok" | "bad" | "none"}].
 * Plain Node (CommonJS, no build step) so it runs from a fresh clone.
 */
'use strict';
const { createHmac, timingSafeEqual } = require('crypto');
const { createServer } = require('http');
const { Webhook } = require('standardwebhooks');

const KEEP = 100;
const MAX_BODY = 5 * 1024 * 1024;

function options(argv, env) {
  const o = { port: env.RECEIVER_PORT || '3100', secret: env.RECEIVER_SECRET || '', standardSecret: env.RECEIVER_STANDARD_SECRET || '' };
  const names = { '--port': 'port', '--secret': 'secret', '--standard-secret': 'standardSecret' };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    if (flag === '--help' || flag === '-h') {
      console.log('usage: npm run receiver -- [--port 3100] [--secret <s>] [--standard-secret whsec_…]');
      process.exit(0);
    }
    const key = names[flag];
    const value = inline !== undefined ? inline : argv[++i];
    if (!key || value === undefined) {
      console.error(`[receiver] ${key ? `${flag} needs a value` : `unknown option ${flag}`}; try --help`);
      process.exit(2);
    }
    o[key] = value;
  }
  const port = Number(o.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`[receiver] --port must be a port number, got ${o.port}`);
    process.exit(2);
  }
  return { ...o, port };
}

/** DM Hub: lowercase hex HMAC-SHA256(secret, body without Java's \s whitespace: space \t \n \v \f \r). */
function dmhubSignature(secret, body) {
  return createHmac('sha256', secret)
    .update(body.replace(/[ \t\n\v\f\r]+/g, ''))
    .digest('hex');
}

function sameText(a, b) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Each signature scheme the message carries: { scheme, result: ok | bad | unchecked }. During a secret
 * rotation X-Clab-Hmac-Signature holds the old secret's signature and -New the new one's: either may match.
 */
function checkSignatures(headers, body, o) {
  const found = [];
  const dmhub = [headers['x-clab-hmac-signature'], headers['x-clab-hmac-signature-new']].filter(Boolean);
  if (dmhub.length) {
    const expected = o.secret && dmhubSignature(o.secret, body);
    found.push({ scheme: 'X-Clab-Hmac-Signature', result: !o.secret ? 'unchecked' : dmhub.some((s) => sameText(s.toLowerCase(), expected)) ? 'ok' : 'bad' });
  }
  if (headers['webhook-signature']) {
    let result = 'unchecked';
    if (o.standardSecret) {
      try {
        new Webhook(o.standardSecret).verify(body, headers);
        result = 'ok';
      } catch {
        result = 'bad';
      }
    }
    found.push({ scheme: 'Standard Webhooks', result });
  }
  return found;
}

function summary(found) {
  if (!found.length) return { signature: 'none', text: 'unsigned' };
  const text = found.map((f) => `${f.scheme} ${f.result === 'ok' ? 'ok' : f.result === 'bad' ? 'BAD' : 'present, not checked (no secret given)'}`).join('; ');
  if (found.some((f) => f.result === 'bad')) return { signature: 'bad', text };
  return { signature: found.some((f) => f.result === 'ok') ? 'ok' : 'none', text };
}

function parseBody(raw) {
  if (!raw) return null;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

function printBlock(m, text, tty) {
  const paint = (code, s) => (tty ? `\x1b[${code}m${s}\x1b[0m` : s);
  const color = m.signature === 'bad' ? '31' : m.signature === 'ok' ? '32' : '33';
  const event = m.headers['x-herald-event'] || '-';
  const body = m.body === null ? '(empty)' : typeof m.body === 'string' ? m.body : JSON.stringify(m.body, null, 2);
  const lines = [
    paint('1', `[receiver] ${m.at}  ${m.method} ${m.path}`),
    `  event      ${event}`,
    `  signature  ${paint(color, text)}`,
    ...body.split('\n').map((l) => `  ${l}`),
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

function reply(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function start(o) {
  const received = [];
  const tty = !!process.stdout.isTTY;
  const server = createServer((req, res) => {
    const path = req.url || '/';
    if (req.method === 'GET' && path.split('?')[0] === '/_received') return reply(res, 200, received);
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > MAX_BODY) {
        reply(res, 413, { success: false, error: 'body too large' });
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const { signature, text } = summary(checkSignatures(req.headers, raw, o));
      const message = { at: new Date().toISOString(), method: req.method, path, headers: req.headers, body: parseBody(raw), signature };
      received.push(message);
      if (received.length > KEEP) received.shift();
      printBlock(message, text, tty);
      if (signature === 'bad') reply(res, 401, { success: false, error: 'bad signature' });
      else reply(res, 200, { success: true });
    });
  });
  server.on('error', (error) => {
    console.error(`[receiver] cannot listen on 127.0.0.1:${o.port}: ${error.message}`);
    process.exit(1);
  });
  server.listen(o.port, '127.0.0.1', () => {
    console.log(`[receiver] listening on http://127.0.0.1:${server.address().port}/`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

start(options(process.argv.slice(2), process.env));
