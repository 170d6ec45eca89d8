/**
 * Customers' contact fields, masked for a caller without the `customers:contact` grant (the
 * analyst role): enough to tell two customers apart, not enough to call or mail one. Pure.
 *   mobile   13812345678 → 138****5678, +8613812345678 → +86138****5678
 *   email    alice@example.com → a***@example.com
 *   open id  o6_bmjrPTlm6_2sgVt7hMZOPfL2M → o6_b****
 */

const STARS = '****';

/** A mobile (or any phone number): the last four kept, and the first three of an 11-digit number. */
export function maskMobile(value: string): string {
  const v = value.trim();
  if (v.length >= 11) return `${v.slice(0, v.length - 8)}${STARS}${v.slice(-4)}`;
  if (v.length >= 7) return `${v.slice(0, 2)}${STARS}${v.slice(-2)}`;
  return v.length ? `${v.slice(0, 1)}${STARS}` : v;
}

/** An email: the first character of the local part, and the domain (which says little of a person). */
export function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  if (at < 1) return maskOpaque(value);
  return `${value.slice(0, 1)}***${value.slice(at)}`;
}

/** An opaque identifier (WeChat open id, union id): its first four characters. */
export function maskOpaque(value: string): string {
  return value.length > 4 ? `${value.slice(0, 4)}${STARS}` : STARS;
}

/** Keys whose values are contact fields wherever they appear (a customer, a summary, a payload, attributes). */
const MOBILE_KEY = /^(mobile|phone|tel|telephone|mobile_?phone|phone_?number)$/i;
const EMAIL_KEY = /^e-?mail(_?address)?$/i;
const OPAQUE_KEY = /^(open_?id|union_?id|wechat_?open_?id|wx_?open_?id|external_?user_?id)$/i;

/** Mainland mobiles and emails inside free text (a rendered message body, a request someone posted). */
const EMAIL_IN_TEXT = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const MOBILE_IN_TEXT = /(?<![\d*])(?:\+?86[-\s]?)?1[3-9]\d{9}(?![\d*])/g;

/** Free text with every email and mainland mobile in it masked. */
export function maskContactsInText(text: string): string {
  if (!text.includes('@') && !/1[3-9]\d{9}/.test(text)) return text;
  return text.replace(EMAIL_IN_TEXT, maskEmail).replace(MOBILE_IN_TEXT, maskMobile);
}

function maskField(key: string, value: string): string | undefined {
  if (MOBILE_KEY.test(key)) return maskMobile(value);
  if (EMAIL_KEY.test(key)) return maskEmail(value);
  if (OPAQUE_KEY.test(key)) return maskOpaque(value);
  return undefined;
}

/**
 * A JSON answer with customers' contact fields masked: a string under a contact key (`mobile`,
 * `email`, `openid`… at any depth) is masked whole; any other string has the emails and mainland
 * mobiles in it masked, and every value the answer holds under a contact key (a message's customer
 * summary names its mobile, whatever its country) wherever it appears. Numbers, dates and
 * structure are left as they are. Returns a copy.
 */
export function maskContacts<T>(value: T): T {
  const known = new Map<string, string>();
  collect(value, undefined, known, 0);
  const values = [...known.keys()].sort((a, b) => b.length - a.length);
  const inText = (text: string) => maskContactsInText(values.reduce((t, v) => (t.includes(v) ? t.split(v).join(known.get(v)) : t), text));
  return walk(value, undefined, inText) as T;
}

/** The values under contact keys (5 characters at least: shorter ones would mask unrelated text), with their masked forms. */
function collect(value: unknown, key: string | undefined, out: Map<string, string>, depth: number): void {
  if (depth > 64) return;
  if (typeof value === 'string') {
    const masked = key !== undefined && value.length >= 5 ? maskField(key, value) : undefined;
    if (masked !== undefined) out.set(value, masked);
  } else if (Array.isArray(value)) for (const v of value) collect(v, key, out, depth + 1);
  else if (value && typeof value === 'object' && !(value instanceof Date)) {
    for (const [k, v] of Object.entries(value)) collect(v, k, out, depth + 1);
  }
}

function walk(value: unknown, key: string | undefined, inText: (text: string) => string): unknown {
  if (typeof value === 'string') return (key !== undefined ? maskField(key, value) : undefined) ?? inText(value);
  if (Array.isArray(value)) return value.map((v) => walk(v, key, inText));
  if (value instanceof Date || value === null || typeof value !== 'object') return value;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return walk(JSON.parse(JSON.stringify(value)), key, inText);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k, inText)]));
}

/** Rule fields that hold contact values: a count or a search over them would tell a masked value back. */
const CONTACT_RULE_FIELD = /^(mobile|email|attributes\.(open_?id|union_?id|wechat_?open_?id|wx_?open_?id|external_?user_?id))$/i;

/** The contact fields a segment rule (`{and|or: [...]}` or `{field, op, value}`) tests, at any depth. */
export function contactFieldsInRule(rule: unknown, depth = 0): string[] {
  if (!rule || typeof rule !== 'object' || depth > 32) return [];
  if (Array.isArray(rule)) return rule.flatMap((r) => contactFieldsInRule(r, depth + 1));
  const r = rule as Record<string, unknown>;
  const own = typeof r.field === 'string' && CONTACT_RULE_FIELD.test(r.field) ? [r.field] : [];
  return [...own, ...contactFieldsInRule(r.and, depth + 1), ...contactFieldsInRule(r.or, depth + 1)];
}
