/**
 * How an inbound trigger checks its caller: an HMAC over the raw body (GitHub's
 * `X-Hub-Signature-256: sha256=<hex>` by default), a Standard Webhooks signature (with the
 * library's timestamp tolerance), a shared token header, and an IP allowlist of CIDRs. Pure.
 */
import { createHmac } from 'crypto';
import ipaddr from 'ipaddr.js';
import { safeEqual } from '../common/safe-equal';
import { Webhook as StandardWebhook } from 'standardwebhooks';

export const HMAC_ALGORITHMS = ['sha256', 'sha1'] as const;
export type HmacAlgorithm = (typeof HMAC_ALGORITHMS)[number];

export interface HmacCheck {
  header: string;
  algorithm: HmacAlgorithm;
  secret: string;
}
export interface StandardCheck {
  secret: string;
}
export interface TokenCheck {
  header: string;
  value: string;
}

export interface CallerChecks {
  hmac?: HmacCheck;
  standardWebhooks?: StandardCheck;
  token?: TokenCheck;
  ipAllowlist?: string[];
}

export type Headers = Record<string, string | string[] | undefined>;

function header(headers: Headers, name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/** `sha256=<hex>` (GitHub) or the bare hex digest, over the exact bytes received. */
export function hmacValid(check: HmacCheck, raw: Buffer, headers: Headers): boolean {
  const sent = header(headers, check.header)?.trim();
  if (!sent) return false;
  const digest = createHmac(check.algorithm, check.secret).update(raw).digest('hex');
  const given = sent.startsWith(`${check.algorithm}=`) ? sent.slice(check.algorithm.length + 1) : sent;
  return safeEqual(given.toLowerCase(), digest);
}

/** Standard Webhooks v1: webhook-id, webhook-timestamp (±5 min), webhook-signature. */
export function standardValid(check: StandardCheck, raw: Buffer, headers: Headers): boolean {
  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signature = header(headers, 'webhook-signature');
  if (!id || !timestamp || !signature) return false;
  try {
    new StandardWebhook(check.secret).verify(raw.toString('utf8'), { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature });
    return true;
  } catch {
    return false;
  }
}

export function tokenValid(check: TokenCheck, headers: Headers): boolean {
  const sent = header(headers, check.header);
  return sent !== undefined && safeEqual(sent, check.value);
}

/** Parses `10.0.0.0/8`, `2001:db8::/32` or a single address (a /32 or /128). Throws on nonsense. */
export function parseCidr(text: string): [ipaddr.IPv4 | ipaddr.IPv6, number] {
  if (text.includes('/')) return ipaddr.parseCIDR(text);
  const address = ipaddr.parse(text);
  return [address, address.kind() === 'ipv4' ? 32 : 128];
}

/** Whether the address is in one of the ranges. IPv4-mapped IPv6 (::ffff:1.2.3.4) counts as IPv4. */
export function ipAllowed(allowlist: string[], address: string): boolean {
  let ip: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    ip = ipaddr.process(address);
  } catch {
    return false;
  }
  return allowlist.some((cidr) => {
    const [range, bits] = parseCidr(cidr);
    return range.kind() === ip.kind() && ip.match([range, bits] as never);
  });
}

export type Verdict = { ok: true } | { ok: false; status: 401 | 403; message: string };

/** Every configured check, the address first (403), then the signatures and token (401). */
export function checkCaller(checks: CallerChecks, raw: Buffer, headers: Headers, address: string): Verdict {
  if (checks.ipAllowlist?.length && !ipAllowed(checks.ipAllowlist, address)) {
    return { ok: false, status: 403, message: `address ${address} is not allowed` };
  }
  if (checks.hmac && !hmacValid(checks.hmac, raw, headers)) {
    return { ok: false, status: 401, message: `bad or missing ${checks.hmac.header} signature` };
  }
  if (checks.standardWebhooks && !standardValid(checks.standardWebhooks, raw, headers)) {
    return { ok: false, status: 401, message: 'bad, missing or expired Standard Webhooks signature' };
  }
  if (checks.token && !tokenValid(checks.token, headers)) {
    return { ok: false, status: 401, message: `bad or missing ${checks.token.header}` };
  }
  return { ok: true };
}
