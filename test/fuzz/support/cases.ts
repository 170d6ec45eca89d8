/**
 * The fuzzer's requests for one operation: its valid seed, then one hostile part at a time —
 * whole bodies, auth, path parameters, query parameters, every part of the body with every wrong
 * JSON type and the extremes of its own type, and the rule/template/search/name slots with every
 * SQL-like and template-like string. Sampled, not crossed: each hostile part rides on an
 * otherwise valid request.
 */
import {
  DATE_STRINGS,
  get,
  HOSTILE_PARAMS,
  HOSTILE_QUERY,
  hostileBodies,
  MARKUP_STRINGS,
  MEGABYTE_STRING,
  NUMBER_TOKENS,
  ODD_STRINGS,
  Path,
  paths,
  pathText,
  REMOVE,
  set,
  SQL_STRINGS,
  TEMPLATE_STRINGS,
  TYPE_VALUES,
  withRawToken,
} from './hostile';
import { collectionOf, fill, Operation } from './openapi';
import { deref, isWrongType, Schema, schemaAt } from './schema-seed';
import type { Seed } from './seeds';
import type { World } from './world';

export interface Case {
  op: Operation;
  kind: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** Why this request must not be accepted (a part of the wrong JSON type, a required part missing): any 2xx fails. */
  mustRefuse?: string;
  /** A body of a content type the operation cannot read: anything but 415 fails. */
  must415?: boolean;
}

/**
 * Content types the API does not read where it reads JSON, each with the seed written in it: the
 * seed's content is valid, only its type is wrong, so only a 415 is right.
 */
const WRONG_TYPES: [name: string, type: string | undefined, encode: (body: unknown) => string][] = [
  ['text/plain', 'text/plain', (b) => JSON.stringify(b)],
  [
    'application/xml',
    'application/xml',
    (b) =>
      `<?xml version="1.0"?><body>${entries(b)
        .map(([k, v]) => `<${k}>${v}</${k}>`)
        .join('')}</body>`,
  ],
  [
    'multipart/form-data',
    'multipart/form-data; boundary=fuzzb',
    (b) =>
      `${entries(b)
        .map(([k, v]) => `--fuzzb\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
        .join('')}--fuzzb--\r\n`,
  ],
  ['no Content-Type', undefined, (b) => JSON.stringify(b)],
  ['application/x-www-form-urlencoded', 'application/x-www-form-urlencoded', (b) => new URLSearchParams(entries(b)).toString()],
];
/** A body's top-level parts as text (nested ones as JSON): what forms, multipart and XML carry. */
const entries = (b: unknown): [string, string][] =>
  (b !== null && typeof b === 'object' ? Object.entries(b) : [['body', b]]).map(([k, v]) => [String(k), typeof v === 'string' ? v : JSON.stringify(v)]);

/** Bodies of these types an operation reads by design (so their answer is its own, not 415). */
function readsByDesign(op: Operation, type: string | undefined): boolean {
  if (op.path.startsWith('/hooks/')) return true; // inbound hooks take any body, raw (signatures are over the bytes)
  if (op.path.startsWith('/f/')) return op.method !== 'POST' || type === 'application/x-www-form-urlencoded'; // the page's own encoding
  if (op.id === 'POST /api/customers/import') return type === 'text/plain'; // CSV, as documented
  return false;
}

const ROTATING = [...SQL_STRINGS, ...TEMPLATE_STRINGS, ...ODD_STRINGS, ...MARKUP_STRINGS];
let rotation = 0;
const nextStrings = (n: number) => Array.from({ length: n }, () => ROTATING[rotation++ % ROTATING.length]);

let sampled = 0;
/** n of the values, a different n each call: over many calls every value is used. */
const sample = <T>(values: T[], n: number): T[] => Array.from({ length: Math.min(n, values.length) }, () => values[sampled++ % values.length]);

const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
const MARKER = '__fuzz_raw_token__';
/** Bodies share this many paths at most (a journey graph has many). */
const MAX_PATHS = 70;

/** The token an operation authenticates with. */
export function authFor(op: Operation, w: World, adminToken: string): Record<string, string> {
  if (op.path === '/api/tenants') return { Authorization: `Bearer ${adminToken}` };
  if (!op.path.startsWith('/api/') || op.path === '/api/auth/login') return {};
  return { Authorization: `Bearer ${w.key}` };
}

/** Valid values of the operation's path parameters, from the world. */
export function validParams(op: Operation, w: World): Record<string, string> {
  const out: Record<string, string> = {};
  const collection = collectionOf(op.path)!;
  for (const name of op.pathParams) {
    const value = w.opIds[op.id] ?? w.ids[collection];
    if (value === undefined) throw new Error(`${op.id}: the world has no ${collection} to fill {${name}} with — add one to test/fuzz/support/world.ts`);
    out[name] = value;
  }
  return out;
}

const formEncoded = (body: unknown) => new URLSearchParams(body as Record<string, string>).toString();

function query(q: Record<string, string | string[]>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(q)) for (const one of Array.isArray(v) ? v : [v]) parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(one)}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

export function casesFor(op: Operation, seed: Seed, w: World, adminToken: string): Case[] {
  const auth = authFor(op, w, adminToken);
  const params = validParams(op, w);
  const basePath = fill(op.path, params);
  const baseQuery = seed.query ?? {};
  const json = (body: unknown) => (body === undefined ? undefined : JSON.stringify(body));
  const cases: Case[] = [];
  const add = (kind: string, c: Partial<Case> & { body?: string | Buffer }) =>
    cases.push({
      op,
      kind,
      method: op.method,
      path: `${basePath}${query(baseQuery)}`,
      headers: { ...auth, ...(c.body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...c.headers },
      ...(c.path ? { path: c.path } : {}),
      body: c.body,
      ...(c.mustRefuse ? { mustRefuse: c.mustRefuse } : {}),
      ...(c.must415 ? { must415: true } : {}),
    });
  const components = op.components ?? {};
  /** The document's schema of a part of the seed (undefined: the document allows anything there, or has no schema). */
  const schemaOf = (p: Path, pickLast = false): Schema | undefined => (op.bodySchema ? schemaAt(components, op.bodySchema, seed.body, p, pickLast) : undefined);
  /** Why `value` at `p` must be refused: it is of a JSON type the document does not admit there. */
  const wrongType = (p: Path, value: unknown) =>
    isWrongType(components, schemaOf(p), value) ? `${pathText(p)} is documented as ${describe(schemaOf(p))}` : undefined;

  // The valid request first: its answer says whether the seed still fits the API.
  add('seed', { body: json(seed.body) });
  if (seed.form && seed.body && typeof seed.body === 'object') {
    add('seed as a form', { body: formEncoded(seed.body), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  }

  // Whole bodies (GET routes get the broken ones only).
  // Operations that take no body get the ones that break parsers (they never read a body otherwise).
  const takesBody = seed.body !== undefined || !!op.body;
  for (const [name, bytes, type] of hostileBodies()) {
    if (!takesBody && !/invalid|2 MB|nested|100,000 keys|charset|multipart cut/.test(name)) continue;
    add(`body: ${name}`, { body: bytes, headers: type ? { 'Content-Type': type } : { 'Content-Type': '' } });
  }

  // The seed in content types the API does not read: 415 and nothing written. Operations without
  // a body get a body too (an unread body is refused before any route, whatever the route takes).
  for (const [name, type, encode] of takesBody ? WRONG_TYPES : WRONG_TYPES.filter(([n]) => n === 'text/plain' || n === 'no Content-Type')) {
    add(`content type: ${name}`, { body: encode(seed.body ?? { x: 1 }), headers: { 'Content-Type': type ?? '' }, must415: !readsByDesign(op, type) });
  }

  // Auth lies.
  if (auth.Authorization) {
    add('auth: none', { body: json(seed.body), headers: { Authorization: '' } });
    add('auth: SQL in the key', { body: json(seed.body), headers: { Authorization: "Bearer ' OR 1=1 --" } });
    add('auth: 8 KB key', { body: json(seed.body), headers: { Authorization: `Bearer hk_${'A'.repeat(8_000)}` } });
  }

  // Path parameters.
  for (const name of op.pathParams) {
    // The brief's seven on every parameter, a rotating sample of the others.
    for (const value of [...HOSTILE_PARAMS.slice(0, 7), ...sample(HOSTILE_PARAMS.slice(7), 4)]) {
      add(`param ${name}=${value.slice(0, 30)}`, { body: json(seed.body), path: `${fill(op.path, { ...params, [name]: value }, true)}${query(baseQuery)}` });
    }
  }

  // Query parameters: the documented ones and the seed's, plus one unknown.
  const queryNames = [...new Set([...op.queryParams.map((p) => p.name), ...Object.keys(baseQuery)])];
  for (const name of queryNames) {
    // Search gets every hostile string; filters and cursors a rotating sample (they are validated alike).
    const values: (string | string[])[] = [...(name === 'q' ? HOSTILE_QUERY : sample(HOSTILE_QUERY, 8)), ['a', 'b']];
    if (/since|until|At$/.test(name)) values.push(...DATE_STRINGS);
    for (const v of values) add(`query ${name}=${String(v).slice(0, 30)}`, { body: json(seed.body), path: `${basePath}${query({ ...baseQuery, [name]: v })}` });
    add(`query ${name}[x]=1`, {
      body: json(seed.body),
      path: `${basePath}${query(baseQuery)}${Object.keys(baseQuery).length ? '&' : '?'}${encodeURIComponent(name)}%5Bx%5D=1`,
    });
  }
  if (op.method === 'GET' && op.path.startsWith('/api/')) add('query: unknown parameter', { path: `${basePath}${query({ ...baseQuery, zzUnknown: '1' })}` });

  // The body, part by part.
  const body = seed.body;
  if (body !== null && typeof body === 'object') {
    if (!Array.isArray(body)) {
      add('unknown field', { body: json({ ...body, zzUnknown: 1 }) });
      add('__proto__ field', { body: JSON.stringify(body).replace(/^\{/, '{"__proto__":{"tenantId":1,"isAdmin":true},') });
    }
    const all = paths(body).slice(0, MAX_PATHS);
    for (const p of all) mutate(p);
    // Documented properties the seed leaves out: every wrong type.
    const documented = deref(components, op.bodySchema)?.properties ?? op.body?.properties ?? {};
    for (const [name] of Object.entries(documented)) {
      if (Array.isArray(body) || name in (body as object)) continue;
      for (const v of TYPE_VALUES) add(`${name} = ${JSON.stringify(v)}`, { body: json(set(body, [name], v)), mustRefuse: wrongType([name], v) });
    }
    for (const slot of seed.slots ?? []) {
      if (get(body, slot.slice(0, -1)) === undefined) throw new Error(`${op.id}: slot ${pathText(slot)} is not in the seed`);
      // Rules, templates and searches get every string; names (plain text everywhere) a rotating sample.
      const isName = /^(name|title|description|thankYouText|wechatNickname|label)$/.test(String(slot[slot.length - 1]));
      const strings = isName
        ? [...sample(SQL_STRINGS, 3), ...sample(TEMPLATE_STRINGS, 3), ...MARKUP_STRINGS]
        : [...SQL_STRINGS, ...TEMPLATE_STRINGS, ...MARKUP_STRINGS];
      for (const s of strings) {
        add(`slot ${pathText(slot)} = ${s.slice(0, 40)}`, { body: json(set(body, slot, s)) });
        if (seed.form)
          add(`slot ${pathText(slot)} = ${s.slice(0, 40)} (as a form)`, {
            body: formEncoded(set(body, slot, s)),
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          });
      }
    }
  }
  return cases;

  function mutate(p: Path): void {
    const current = get(body, p);
    const at = pathText(p);
    // Top-level properties get every wrong type and every extreme; nested parts a rotating sample.
    const top = p.length === 1;
    const key = p[p.length - 1];
    // The parent as the seed has it (its oneOf branch), whose `required` says what may not go.
    const parent = p.length > 1 ? schemaOf(p.slice(0, -1), true) : deref(components, op.bodySchema);
    const required = typeof key === 'string' && parent?.required?.includes(key) ? `${at} is required` : undefined;
    if (top || typeof current === 'object' || required) add(`${at} removed`, { body: json(set(body, p, REMOVE)), mustRefuse: required });
    const wrong = TYPE_VALUES.filter((v) => typeOf(v) !== typeOf(current));
    for (const v of top ? wrong : sample(wrong, 2)) add(`${at} = ${JSON.stringify(v)}`, { body: json(set(body, p, v)), mustRefuse: wrongType(p, v) });
    if (typeof current === 'number') {
      for (const token of top ? NUMBER_TOKENS : sample(NUMBER_TOKENS, 3)) add(`${at} = ${token}`, { body: withRawToken(set(body, p, MARKER), MARKER, token) });
    }
    if (typeof current === 'string') {
      for (const s of nextStrings(top ? 3 : 2)) add(`${at} = ${JSON.stringify(s).slice(0, 40)}`, { body: json(set(body, p, s)) });
      if (p.length <= 2) add(`${at} = 1 MB string`, { body: json(set(body, p, MEGABYTE_STRING)) });
      if (/date|At$/i.test(String(p[p.length - 1]))) for (const d of DATE_STRINGS) add(`${at} = ${d}`, { body: json(set(body, p, d)) });
    }
    if (Array.isArray(current)) {
      add(`${at} = 100,000 elements`, {
        body: json(
          set(
            body,
            p,
            Array.from({ length: 100_000 }, () => (typeof current[0] === 'object' ? 0 : (current[0] ?? 0))),
          ),
        ),
      });
    }
  }
}

/** `string`, `integer or null`, `one of "a", "b"`: a schema's type in a failure message. */
function describe(s: Schema | undefined): string {
  if (!s) return 'anything';
  if (s.enum) return `one of ${s.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  const types = s.oneOf || s.anyOf ? 'one of several shapes' : (s.type ?? 'object');
  return s.nullable ? `${types} or null` : types;
}
