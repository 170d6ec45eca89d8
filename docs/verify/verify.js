#!/usr/bin/env node
// Checks Herald's X-Clab-Hmac-Signature (the DM Hub scheme) over the raw body a receiver got.
// Usage: node verify.js <secret> <body-file> <X-Clab-Hmac-Signature> [<X-Clab-Hmac-Signature-New>]
// Prints "valid" (exit 0) or "invalid" (exit 1). The algorithm: ../signatures.md.
'use strict';
const { createHmac, timingSafeEqual } = require('node:crypto');
const { readFileSync } = require('node:fs');

// Java's \s: space, \t, \n, \x0B, \f, \r. UTF-8 never uses these bytes inside a character, so
// removing them from the raw bytes is what DM Hub's replaceAll("\\s+", "") does; U+3000 stays.
const JAVA_WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0b, 0x0c, 0x0d]);

/** Lowercase hex HMAC-SHA256(secret, raw body without Java whitespace). */
function dmhubSignature(secret, rawBody) {
  const signed = Buffer.from(rawBody.filter((byte) => !JAVA_WHITESPACE.has(byte)));
  return createHmac('sha256', secret).update(signed).digest('hex');
}

/** True when one of the header values matches (during a secret rotation Herald sends two). */
function verify(secret, rawBody, headerValues) {
  const expected = Buffer.from(dmhubSignature(secret, rawBody));
  return headerValues.some((value) => {
    const got = Buffer.from(value.trim().toLowerCase());
    return got.length === expected.length && timingSafeEqual(got, expected);
  });
}

const [secret, bodyFile, ...headerValues] = process.argv.slice(2);
if (!secret || !bodyFile || headerValues.length === 0) {
  console.error('usage: node verify.js <secret> <body-file> <X-Clab-Hmac-Signature> [<X-Clab-Hmac-Signature-New>]');
  process.exit(2);
}
const ok = verify(secret, readFileSync(bodyFile), headerValues);
console.log(ok ? 'valid' : 'invalid');
process.exit(ok ? 0 : 1);
