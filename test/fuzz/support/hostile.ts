/** What hostile input looks like: values, whole bodies and path parameters. Pure. */

export const SQL_STRINGS = ["' OR 1=1 --", '%', '_', '\\', "'; DROP TABLE customers; --", '" OR ""="', '%_\\%'];

export const TEMPLATE_STRINGS = [
  '{{ 7*7 }}',
  '{% for i in (1..100000000) %}x{% endfor %}',
  '{{$$.Name$$}}',
  '{{ customer.constructor }}',
  '{{ customer.__proto__.constructor.name }}',
  '{% include "/etc/passwd" %}',
  '{% render "../../../../../../etc/passwd" %}',
  '{{ "x" | append: "y" | repeat }}',
  '{{',
  '{% raw %}',
];

/** Markup: must come back escaped from every HTML page (the micro-pages). */
export const MARKUP_STRINGS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "'><svg onload=alert(1)>"];

/** Other strings that have broken parsers, drivers or databases somewhere. */
export const ODD_STRINGS = [
  '\u0000',
  '\ud800',
  '😀'.repeat(50),
  '\u202e\u0000\uffff',
  'a\r\nX-Injected: 1',
  '../../../etc/passwd',
  '$where',
  '__proto__',
  'constructor',
];

export const DATE_STRINGS = [
  '0000-00-00',
  '0000-00-00T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '+275760-09-13T00:00:00Z',
  '-000001-01-01T00:00:00Z',
  '2026-02-30T00:00:00Z',
  '1970-01-01T00:00:00Z',
  '10000-01-01T00:00:00Z',
  '2026-13-01',
  'now',
];

/** Raw JSON number tokens (some do not survive JSON.stringify, so they are spliced in as text). */
export const NUMBER_TOKENS = ['1e308', '-1e308', '1e400', '9223372036854775808', '1.5', '-1', '0', '-0', '2147483648', '9007199254740993', '1e-400'];

/** One value of each JSON type; a property gets every one that is not its own type. */
export const TYPE_VALUES: unknown[] = ['fuzz', 12345, true, {}, [], null, { $gt: '' }];

export const MEGABYTE_STRING = 'x'.repeat(1_000_000);

/** Hostile path parameter values, already URL-encoded (sent as they are). */
export const HOSTILE_PARAMS = [
  'abc',
  '-1',
  '0',
  '99999999999999999999',
  '1%20OR%201%3D1',
  '%00',
  'x'.repeat(6_000),
  '1.5',
  '1e3',
  '0x10',
  '..%2F..%2Fhealth',
  '%E0%A4%A',
  '%',
  '%7B%7B7*7%7D%7D',
  '2147483648',
  '%F0%9F%98%80',
];

/** Hostile query values, raw (encoded by the caller); plus repeated and bracketed keys, built by the caller. */
export const HOSTILE_QUERY = [
  '',
  ...SQL_STRINGS,
  '{{ 7*7 }}',
  '{{$$.Name$$}}',
  '1e308',
  '-1',
  '99999999999999999999',
  '1.5',
  'abc',
  'x'.repeat(10_000),
  '\u0000',
  '0000-00-00',
  '+275760-09-13T00:00:00Z',
];

const nested = (depth: number, open: string, close: string, leaf = '1') => open.repeat(depth) + leaf + close.repeat(depth);

/** Whole bodies: [name, bytes, content type]. */
export function hostileBodies(): [string, string | Buffer, string | undefined][] {
  const keys = Array.from({ length: 100_000 }, (_, i) => `"${i.toString(36)}":0`).join(',');
  return [
    ['no body with a JSON type', '', 'application/json'],
    ['{}', '{}', 'application/json'],
    ['[]', '[]', 'application/json'],
    ['null', 'null', 'application/json'],
    ['a string', '"x"', 'application/json'],
    ['a number', '12', 'application/json'],
    ['invalid JSON (truncated)', '{"name": "x", ', 'application/json'],
    ['invalid JSON (single quotes)', "{'name': 'x'}", 'application/json'],
    ['invalid JSON (NaN)', '{"a": NaN}', 'application/json'],
    [
      'invalid UTF-8 bytes',
      Buffer.concat([Buffer.from('{"name": "'), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80]), Buffer.from('"}')]),
      'application/json',
    ],
    ['UTF-16 body declared as UTF-8', Buffer.from('{"name": "x"}', 'utf16le'), 'application/json'],
    ['charset lie (utf-16)', '{"name": "x"}', 'application/json; charset=utf-16'],
    ['charset lie (unknown)', '{"name": "x"}', 'application/json; charset=klingon'],
    ['JSON sent as text/plain', '{"name": "x"}', 'text/plain'],
    ['JSON sent as a form', '{"name": "x"}', 'application/x-www-form-urlencoded'],
    ['a form sent as JSON', 'name=x&mobile=1', 'application/json'],
    ['XML', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>', 'application/xml'],
    ['multipart without a boundary', '--x\r\nContent-Disposition: form-data; name="name"\r\n\r\nx\r\n--x--', 'multipart/form-data'],
    ['multipart cut short', '--zz\r\nContent-Disposition: form-data; name="name"\r\n\r\nx', 'multipart/form-data; boundary=zz'],
    ['no Content-Type', '{"name": "x"}', undefined],
    ['5,000 nested arrays', nested(5_000, '[', ']'), 'application/json'],
    ['5,000 nested objects', nested(5_000, '{"a":', '}'), 'application/json'],
    ['100,000 keys', `{${keys}}`, 'application/json'],
    ['an array of 100,000', `[${Array.from({ length: 100_000 }, () => '0').join(',')}]`, 'application/json'],
    ['a 1 MB string body', JSON.stringify(MEGABYTE_STRING), 'application/json'],
    ['a 2 MB body', JSON.stringify({ name: 'x'.repeat(2_000_000) }), 'application/json'],
    ['prototype pollution', '{"__proto__": {"isAdmin": true, "tenantId": 1}, "constructor": {"prototype": {"polluted": 1}}}', 'application/json'],
  ];
}

export type Path = (string | number)[];

/** Every path into a JSON value, parents before children (array elements: the first two only). */
export function paths(value: unknown, maxDepth = 6, prefix: Path = []): Path[] {
  if (prefix.length >= maxDepth || value === null || typeof value !== 'object') return [];
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.slice(0, 2).map((v, i) => [i, v]) : Object.entries(value);
  const out: Path[] = [];
  for (const [k, v] of entries) {
    out.push([...prefix, k]);
    out.push(...paths(v, maxDepth, [...prefix, k]));
  }
  return out;
}

export function get(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((v, k) => (v === null || typeof v !== 'object' ? undefined : (v as Record<string, unknown>)[k]), value);
}

/** A deep copy of `value` with `path` set to `replacement` (or removed, for `REMOVE`). */
export const REMOVE = Symbol('remove');
export function set(value: unknown, path: Path, replacement: unknown): unknown {
  const copy = structuredClone(value);
  let node = copy as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (replacement === REMOVE) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else node[last] = replacement;
  return copy;
}

export const pathText = (path: Path) =>
  path
    .map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`))
    .join('')
    .replace(/^\./, '');

/** JSON text with `marker` (a string value) replaced by a raw token: numbers JSON.stringify cannot write. */
export function withRawToken(value: unknown, marker: string, token: string): string {
  return JSON.stringify(value).replace(JSON.stringify(marker), token);
}
