/** What a secret reads as in the audit trail: the same whatever its value or length. */
export const MASK = '••••';

export type AuditDiff = Record<string, { from?: unknown; to?: unknown }>;

/**
 * Field names whose values are secrets: signing secrets, passwords (basic auth's included), tokens, key material, hashes
 * of them, the public keys of forms and inbound triggers (the URL's secret part), and a secret's hint (its last
 * characters). A name ending in Header or ExpiresAt describes a secret without being one.
 */
const SECRET_NAME = /secret|passw|token|hash|^key$|apikey|privatekey|signingkey|credential|hint$/i;
const NOT_SECRET = /(Header|ExpiresAt)$/;
/** Bookkeeping that changes with every write: not what the user changed. */
const IGNORED = new Set(['tenantId', 'createdAt', 'updatedAt', 'version']);

const MAX_STRING = 500;
const MAX_VALUE_JSON = 2000;
const MAX_FIELDS = 60;

export function isSecretField(name: string): boolean {
  return SECRET_NAME.test(name) && !NOT_SECRET.test(name);
}

/** The value as JSON would carry it: dates as ISO strings, secrets masked at any depth, nothing undefined. */
function normalize(value: unknown, depth = 0): unknown {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (Buffer.isBuffer(value)) return `<${value.length} bytes>`;
  if (typeof value !== 'object') return value;
  if (depth > 8) return '…';
  if (Array.isArray(value)) return value.map((v) => normalize(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === undefined || typeof v === 'function') continue;
    out[k] = isSecretField(k) ? (v === null ? null : MASK) : normalize(v, depth + 1);
  }
  return out;
}

/** A long value cut down: long strings end in "…"; a large object becomes the start of its JSON. */
function capped(value: unknown): unknown {
  if (typeof value === 'string') return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
  if (value === null || typeof value !== 'object') return value;
  const json = JSON.stringify(value);
  return json.length > MAX_VALUE_JSON ? `${json.slice(0, MAX_VALUE_JSON)}…` : value;
}

function fields(value: object | null | undefined): Record<string, unknown> {
  return value ? (value as Record<string, unknown>) : {};
}

/**
 * The fields that differ between `before` and `after` (either may be absent: a creation has only `to`, a deletion only
 * `from`; with both, only the fields `after` names are compared, so `before` may be the whole row), secrets masked by field name — `"••••"` when set, null when not, never the value nor its length — values
 * capped in size; null when nothing changed. Pure.
 */
export function auditDiff(before?: object | null, after?: object | null): AuditDiff | null {
  const b = fields(before);
  const a = fields(after);
  const diff: AuditDiff = {};
  let count = 0;
  const names = after == null ? Object.keys(b) : Object.keys(a);
  for (const name of names) {
    if (IGNORED.has(name) || typeof b[name] === 'function' || typeof a[name] === 'function') continue;
    const inBefore = before != null && b[name] !== undefined;
    const inAfter = after != null && a[name] !== undefined;
    if (!inBefore && !inAfter) continue;
    const from = normalize(b[name]);
    const to = normalize(a[name]);
    if (before != null && after != null && JSON.stringify(from) === JSON.stringify(to)) continue;
    if (++count > MAX_FIELDS) {
      diff['…'] = { to: 'more fields changed' };
      break;
    }
    const secret = isSecretField(name);
    const entry: { from?: unknown; to?: unknown } = {};
    if (before != null) entry.from = secret ? (from === null ? null : MASK) : capped(from);
    if (after != null) entry.to = secret ? (to === null ? null : MASK) : capped(to);
    diff[name] = entry;
  }
  return count ? diff : null;
}
