/**
 * A valid value for a request schema of the OpenAPI document: `$ref`s resolved (recursive ones
 * too), `allOf` merged, `oneOf`/`anyOf` by discriminator, nested objects and arrays, enums, const,
 * bounds, lengths, formats and patterns, required properties. Pure: the world and the hand seeds
 * come in through options.
 *
 * A hand-written value (the seed's shape) steers the generator without replacing it: an object
 * gets the required properties plus those the hand value has, an array as many items as the hand
 * value, a `oneOf` the branch the hand value's discriminator names. Only where the document says
 * nothing (a bare `{type: object}`) or free JSON is expected is the hand value itself taken, and
 * those places are listed (`handParts`), as are the parts no one could fill (`undescribed`).
 */
import type { Path } from './hostile';

export interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  discriminator?: { propertyName: string; mapping?: Record<string, string> };
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  pattern?: string;
  format?: string;
  additionalProperties?: boolean | Schema;
  $ref?: string;
  example?: unknown;
  default?: unknown;
  description?: string;
}

export type Components = Record<string, Schema>;

export interface GenerateOptions {
  /** A value the schema cannot know (an id of the world, the local receiver), by path; undefined: generate. */
  valueFor?: (path: Path, name: string, schema: Schema) => unknown;
  /** The hand-written value: the shape to follow, and the value where the document has none. */
  hand?: unknown;
  /** Hand parts taken as they are (the schema cannot produce them), as path patterns: `nodes`, `fields[].name`. */
  take?: string[];
}

export interface Generated {
  value: unknown;
  /** Where the hand value was taken: listed in `take`, free JSON, or a part the document leaves undescribed. */
  handParts: string[];
  /** Parts the document does not describe and no hand value covers (the value there is a guess). */
  undescribed: string[];
}

/** `['fields', 2, 'name']` → `fields[].name`: how hints name a part whatever its index. */
export const pattern = (path: Path) =>
  path
    .map((k) => (typeof k === 'number' ? '[]' : `.${k}`))
    .join('')
    .replace(/^\./, '');
const text = (path: Path) =>
  path
    .map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`))
    .join('')
    .replace(/^\./, '') || '(body)';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const refName = (ref: string) => ref.replace('#/components/schemas/', '');

/**
 * The schema with its `$ref` followed and its `allOf` merged (nullable kept from the outside).
 * `seen` collects the component names passed through, for recursion checks.
 */
export function deref(components: Components, schema: Schema | undefined, seen: string[] = []): Schema | undefined {
  if (!schema) return undefined;
  if (schema.$ref) {
    const name = refName(schema.$ref);
    seen.push(name);
    const target = deref(components, components[name], seen);
    return target && { ...target, ...(schema.nullable ? { nullable: true } : {}), ...(schema.description ? { description: schema.description } : {}) };
  }
  if (!schema.allOf?.length) return schema;
  const { allOf, ...rest } = schema;
  const merged: Schema = { ...rest };
  for (const part of allOf.map((s) => deref(components, s, seen) ?? {})) {
    const { properties, required, ...other } = part;
    Object.assign(merged, other, { ...(rest.nullable ? { nullable: true } : {}) });
    if (properties) merged.properties = { ...merged.properties, ...properties };
    if (required) merged.required = [...new Set([...(merged.required ?? []), ...required])];
  }
  if (rest.properties) merged.properties = { ...merged.properties, ...rest.properties };
  if (rest.type) merged.type = rest.type;
  return merged;
}

/** The branches of a oneOf/anyOf, each with the discriminator value it takes (when one is known). */
export function branchesOf(components: Components, schema: Schema): { schema: Schema; ref?: string; tag?: unknown }[] {
  const list = schema.oneOf ?? schema.anyOf ?? [];
  const prop = schema.discriminator?.propertyName;
  const mapping = Object.entries(schema.discriminator?.mapping ?? {});
  return list.map((branch) => {
    const ref = branch.$ref ? refName(branch.$ref) : undefined;
    let tag: unknown;
    if (prop) {
      const mapped = mapping.find(([, r]) => ref && refName(r) === ref);
      const p = deref(components, deref(components, branch)?.properties?.[prop]);
      tag = mapped?.[0] ?? p?.const ?? p?.enum?.[0] ?? (ref && !mapping.length ? ref : undefined);
    }
    return { schema: branch, ref, tag };
  });
}

/** Whether a schema says nothing a value could be built from: a bare object, or nothing at all. */
export function isUndescribed(s: Schema): boolean {
  if (s.oneOf || s.anyOf || s.enum || s.const !== undefined || s.properties) return false;
  if (s.type === 'object') return s.additionalProperties === undefined || s.additionalProperties === false;
  return s.type === undefined && s.items === undefined;
}

/** Free JSON: an object that takes any properties and names none. */
const isFree = (s: Schema) =>
  !s.properties &&
  !s.oneOf &&
  !s.anyOf &&
  (s.additionalProperties === true || (isObject(s.additionalProperties) && !Object.keys(s.additionalProperties).length));

let counter = 0;
const unique = () => `${process.pid.toString(36)}${Date.now().toString(36)}${(counter++).toString(36)}`;

/** Strings tried for a pattern, in order (the document's example first). */
const PATTERN_GUESSES = ['fuzz', 'fuzz1', 'Fuzz', 'fuzz_1', 'fuzz-1', 'attributes.fuzz', 'a', '1', 'fuzz.a', 'FUZZ', 'x1'];

function stringFor(s: Schema, name: string, index: number): string | undefined {
  const suffix = index > 0 ? String(index) : '';
  switch (s.format) {
    case 'email':
      return `fuzz${unique()}@example.com`;
    case 'uri':
    case 'url':
      return `https://example.com/fuzz${suffix}`;
    case 'date-time':
      return `2030-01-0${1 + (index % 9)}T00:00:00.000Z`;
    case 'date':
      return `2030-01-0${1 + (index % 9)}`;
    case 'uuid':
      return `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
    case 'ipv4':
      return '127.0.0.1';
    case 'ipv6':
      return '::1';
    default:
      break;
  }
  const fits = (v: string) => (!s.pattern || new RegExp(s.pattern, 'u').test(v)) && v.length >= (s.minLength ?? 0) && v.length <= (s.maxLength ?? Infinity);
  // Names are unique in their collection (a second group named like the first is a 409).
  const base = name === 'name' ? `fuzz name ${unique()}` : `fuzz ${name}`.trim() + suffix;
  const candidates = [
    ...(typeof s.example === 'string' ? [s.example] : []),
    ...(typeof s.default === 'string' ? [s.default] : []),
    base,
    ...PATTERN_GUESSES.map((g) => (/\d$/.test(g) || !suffix ? g : `${g}${suffix}`)),
  ];
  for (const c of candidates) {
    const sized = c.length < (s.minLength ?? 0) ? c.padEnd(s.minLength!, 'x') : c.slice(0, s.maxLength ?? c.length);
    if (fits(sized)) return sized;
  }
  return undefined;
}

function numberFor(s: Schema, integer: boolean, index: number): number {
  const exMin = typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum : s.exclusiveMinimum === true ? s.minimum : undefined;
  const exMax = typeof s.exclusiveMaximum === 'number' ? s.exclusiveMaximum : s.exclusiveMaximum === true ? s.maximum : undefined;
  const step = integer ? 1 : 0.5;
  const lo = exMin !== undefined ? exMin + step : (s.minimum ?? -Infinity);
  const hi = exMax !== undefined ? exMax - step : (s.maximum ?? Infinity);
  const wanted = typeof s.example === 'number' ? s.example : 1 + index;
  const v = Math.min(hi, Math.max(lo, wanted));
  return integer ? Math.ceil(v) : v;
}

export function generate(components: Components, schema: Schema | undefined, options: GenerateOptions = {}): Generated {
  const handParts: string[] = [];
  const undescribed: string[] = [];
  const take = new Set(options.take ?? []);
  const handAt = (path: Path): unknown =>
    path.reduce<unknown>((v, k) => (v === null || typeof v !== 'object' ? undefined : (v as Record<string, unknown>)[k]), options.hand);
  const hasHand = (path: Path) => {
    const parent = handAt(path.slice(0, -1));
    return path.length === 0 ? options.hand !== undefined : typeof parent === 'object' && parent !== null && path[path.length - 1] in parent;
  };
  const fromHand = (path: Path) => {
    handParts.push(text(path));
    return structuredClone(handAt(path));
  };

  /** `stack`: components being generated, outermost first (a recursive rule stops recursing). */
  const value = (raw: Schema | undefined, path: Path, stack: string[], index: number): unknown => {
    const name = String([...path].reverse().find((k) => typeof k === 'string') ?? '');
    if (path.length > 40) {
      undescribed.push(`${text(path)} (recursion with no way out)`);
      return undefined;
    }
    if (path.length && take.has(pattern(path)) && hasHand(path)) return fromHand(path);
    const seen: string[] = [];
    const s = deref(components, raw, seen);
    const inner = [...stack, ...seen];
    if (!s || isUndescribed(s)) {
      if (hasHand(path)) return fromHand(path);
      undescribed.push(text(path));
      return s?.type === 'object' ? {} : s?.type === 'array' ? [] : s?.example;
    }
    const given = options.valueFor?.(path, name, s);
    if (given !== undefined) return given;
    if (s.const !== undefined) return s.const;
    if (s.enum?.length) {
      const hand = handAt(path);
      if (hasHand(path) && s.enum.includes(hand)) return hand;
      const values = s.enum.filter((v) => v !== null);
      return values.length ? values[index % values.length] : null; // `enum: [null]`: the null branch of a oneOf
    }
    if (s.oneOf || s.anyOf) return oneOf(s, path, inner, index);
    const type = s.type ?? (s.properties ? 'object' : s.items ? 'array' : undefined);
    switch (type) {
      case 'object': {
        if (isFree(s)) return hasHand(path) && isObject(handAt(path)) ? fromHand(path) : {};
        const hand = handAt(path);
        const out: Record<string, unknown> = {};
        const keys = [...new Set([...(s.required ?? []), ...(isObject(hand) ? Object.keys(hand) : [])])];
        for (const key of keys) {
          const prop = s.properties?.[key] ?? (isObject(s.additionalProperties) ? s.additionalProperties : undefined);
          if (!prop) continue; // the hand value has a property the document does not know: left out
          out[key] = value(prop, [...path, key], inner, 0);
        }
        return out;
      }
      case 'array': {
        const hand = handAt(path);
        const n = Math.min(s.maxItems ?? Infinity, Math.max(s.minItems ?? 0, Array.isArray(hand) ? hand.length : 1));
        return Array.from({ length: n }, (_, i) => value(s.items, [...path, i], inner, i));
      }
      case 'integer':
        return numberFor(s, true, index);
      case 'number':
        return numberFor(s, false, index);
      case 'boolean':
        return typeof handAt(path) === 'boolean' ? handAt(path) : true;
      case 'string': {
        const v = stringFor(s, name, index);
        if (v !== undefined) return v;
        if (typeof handAt(path) === 'string') return fromHand(path);
        undescribed.push(`${text(path)} (pattern ${s.pattern})`);
        return `fuzz ${name}`;
      }
      default:
        if (hasHand(path)) return fromHand(path);
        undescribed.push(text(path));
        return undefined;
    }
  };

  const oneOf = (s: Schema, path: Path, stack: string[], index: number): unknown => {
    const branches = branchesOf(components, s);
    const prop = s.discriminator?.propertyName;
    const hand = handAt(path);
    // The hand value's tag picks the branch; else the first that does not recurse into what is being built.
    const recurses = (b: { schema: Schema }) => [...refsIn(components, b.schema)].some((n) => stack.includes(n));
    const byTag = prop && isObject(hand) ? branches.find((b) => b.tag === hand[prop]) : undefined;
    const byShape = !prop && hand !== undefined ? branches.find((b) => fitsShape(components, b.schema, hand)) : undefined;
    const isNull = (b: { schema: Schema }) => deref(components, b.schema)?.enum?.every((v) => v === null) ?? false;
    const chosen = byTag ?? byShape ?? branches.find((b) => !recurses(b) && !isNull(b)) ?? branches[0];
    const v = value(chosen.schema, path, stack, index);
    if (prop && isObject(v) && chosen.tag !== undefined) v[prop] = chosen.tag;
    return v;
  };

  const value0 = value(schema, [], [], 0);
  return { value: value0, handParts: [...new Set(handParts)], undescribed: [...new Set(undescribed)] };
}

/** The component names reachable from a schema (through refs, properties, items and branches). */
function refsIn(components: Components, schema: Schema | undefined, out = new Set<string>()): Set<string> {
  if (!schema) return out;
  if (schema.$ref) {
    const name = refName(schema.$ref);
    if (out.has(name)) return out;
    out.add(name);
    return refsIn(components, components[name], out);
  }
  const parts = [
    ...(schema.allOf ?? []),
    ...(schema.oneOf ?? []),
    ...(schema.anyOf ?? []),
    ...Object.values(schema.properties ?? {}),
    ...(schema.items ? [schema.items] : []),
    ...(isObject(schema.additionalProperties) ? [schema.additionalProperties as Schema] : []),
  ];
  for (const p of parts) refsIn(components, p, out);
  return out;
}

/** Whether a hand value has the JSON type (and, for objects, the required keys) of a branch without a discriminator. */
function fitsShape(components: Components, branch: Schema, hand: unknown): boolean {
  const s = deref(components, branch);
  if (!s) return false;
  if (s.enum) return s.enum.includes(hand);
  const type = s.type ?? (s.properties ? 'object' : s.items ? 'array' : undefined);
  if (type === 'object')
    return isObject(hand) && (s.required ?? []).every((k) => k in hand) && Object.keys(hand).every((k) => !s.properties || k in s.properties);
  if (type === 'array') return Array.isArray(hand);
  if (type === 'integer') return Number.isInteger(hand);
  if (type === 'number') return typeof hand === 'number';
  return type === typeof hand;
}

/**
 * The schema of one part of a body, or undefined where the document allows anything there. On the
 * way, a oneOf is the branch the body's own value takes (by discriminator or shape); at the part
 * itself too with `pickLast`, else the part's schema is the whole oneOf (what any value there may be).
 */
export function schemaAt(components: Components, schema: Schema | undefined, body: unknown, path: Path, pickLast = false): Schema | undefined {
  let s = deref(components, schema);
  let node = body;
  for (const key of path) {
    if (!s) return undefined;
    s = pickBranch(components, s, node);
    if (!s) return undefined;
    if (typeof key === 'number') s = deref(components, s.items);
    else s = deref(components, s.properties?.[key] ?? (isObject(s.additionalProperties) ? s.additionalProperties : undefined));
    node = isObject(node) || Array.isArray(node) ? (node as Record<string | number, unknown>)[key] : undefined;
  }
  return s && pickLast ? pickBranch(components, s, node) : s;
}

/** For a oneOf: the branch a value's discriminator (or shape) picks; other schemas as they are. */
function pickBranch(components: Components, s: Schema, node: unknown): Schema | undefined {
  if (!s.oneOf && !s.anyOf) return s;
  const branches = branchesOf(components, s);
  const prop = s.discriminator?.propertyName;
  const b = prop && isObject(node) ? branches.find((x) => x.tag === node[prop]) : branches.find((x) => fitsShape(components, x.schema, node));
  return b ? deref(components, b.schema) : s;
}

/**
 * The JSON types a schema admits (`integer` as itself), or undefined when it admits any: no type,
 * free JSON, or a oneOf with an untyped branch.
 */
export function admittedTypes(components: Components, schema: Schema | undefined): Set<string> | undefined {
  const s = deref(components, schema);
  if (!s) return undefined;
  const out = new Set<string>();
  if (s.oneOf || s.anyOf) {
    for (const b of s.oneOf ?? s.anyOf ?? []) {
      const t = admittedTypes(components, b);
      if (!t) return undefined;
      t.forEach((x) => out.add(x));
    }
  } else if (s.enum) {
    s.enum.forEach((v) => out.add(v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v));
  } else if (s.const !== undefined) {
    out.add(s.const === null ? 'null' : typeof s.const);
  } else {
    const type = s.type ?? (s.properties ? 'object' : s.items ? 'array' : undefined);
    if (!type) return undefined;
    out.add(type);
  }
  if (s.nullable) out.add('null');
  return out;
}

/** Whether a value is of a JSON type the schema does not admit (never for schemas that admit anything). */
export function isWrongType(components: Components, schema: Schema | undefined, value: unknown): boolean {
  const types = admittedTypes(components, schema);
  if (!types) return false;
  const t = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  if (types.has(t)) return false;
  if (t === 'number' && types.has('integer')) return !Number.isInteger(value);
  return true;
}
