/**
 * Evaluates a validated segment rule in memory, meaning what compileRule's SQL means, so a
 * journey's condition node and a dynamic group agree on who matches. Pure.
 *
 * - Strings compare as the database collation does (utf8mb4_unicode_ci): ignoring case and
 *   accents, trailing spaces not counted for equality.
 * - `!=` also matches a missing value; comparisons on a missing value are false.
 * - Attributes (and any free JSON) compare numbers with numbers and strings with strings only
 *   ("30" is text); booleans only with = and !=; `contains` is a substring of a string or an
 *   element of an array.
 */
import type { FieldKind, Rule, RuleCondition, Scalar } from './segment-rule';

export interface FieldValue {
  kind: FieldKind;
  /** undefined or null: missing. Dates as Date or ISO strings. */
  value: unknown;
}

const collator = new Intl.Collator('en', { sensitivity: 'base' });

function fold(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

function sameText(a: string, b: string): boolean {
  return collator.compare(a.replace(/ +$/, ''), b.replace(/ +$/, '')) === 0;
}

function compare(a: number | string, b: number | string, op: string): boolean {
  const c = typeof a === 'number' && typeof b === 'number' ? a - b : collator.compare(String(a), String(b));
  switch (op) {
    case '>':
      return c > 0;
    case '>=':
      return c >= 0;
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    default:
      return false;
  }
}

function containsScalar(list: unknown[], v: unknown): boolean {
  return list.some((e) => (Array.isArray(e) ? containsScalar(e, v) : e === v));
}

const missing = (v: unknown) => v === undefined || v === null;

function columnCondition(c: RuleCondition, kind: Exclude<FieldKind, 'attribute'>, raw: unknown): boolean {
  const toComparable = (x: unknown): number | string | null => {
    if (missing(x)) return null;
    if (kind === 'date') return new Date(x as string | Date).getTime();
    if (kind === 'number') return typeof x === 'number' ? x : Number(x);
    return String(x);
  };
  const v = toComparable(raw);
  const equal = (target: Scalar) => {
    if (v === null) return false;
    const t = toComparable(target);
    return kind === 'string' ? sameText(String(v), String(t)) : v === t;
  };
  switch (c.op) {
    case '=':
      return equal(c.value as Scalar);
    case '!=':
      return v === null || !equal(c.value as Scalar);
    case 'in':
      return (c.value as Scalar[]).some(equal);
    case 'contains':
      return v !== null && fold(String(v)).includes(fold(String(c.value)));
    case 'exists': {
      const present = v !== null && !(kind === 'string' && v === '');
      return c.value ? present : !present;
    }
    default: {
      const t = toComparable(c.value);
      return v !== null && t !== null && compare(v, t, c.op);
    }
  }
}

function jsonCondition(c: RuleCondition, x: unknown): boolean {
  const isNumber = typeof x === 'number' && Number.isFinite(x);
  const isString = typeof x === 'string';
  const equal = (v: Scalar): boolean =>
    typeof v === 'number' ? isNumber && x === v : typeof v === 'boolean' ? typeof x === 'boolean' && x === v : isString && sameText(x as string, v);
  const v = c.value as Scalar;
  switch (c.op) {
    case '=':
      return equal(v);
    case '!=':
      return !equal(v);
    case 'in':
      return (c.value as Scalar[]).some(equal);
    case 'contains':
      return (isString && fold(x as string).includes(fold(String(v)))) || (Array.isArray(x) && containsScalar(x, v));
    case 'exists':
      return v ? !missing(x) : missing(x);
    default:
      if (typeof v === 'number') return isNumber && compare(x as number, v, c.op);
      return isString && compare(x as string, String(v), c.op);
  }
}

/** True when the rule matches; `read` gives each field's kind and value. */
export function evaluateRule(rule: Rule, read: (field: string) => FieldValue): boolean {
  if ('and' in rule) return rule.and.every((r) => evaluateRule(r, read));
  if ('or' in rule) return rule.or.some((r) => evaluateRule(r, read));
  const { kind, value } = read(rule.field);
  return kind === 'attribute' ? jsonCondition(rule, value) : columnCondition(rule, kind, value);
}

/**
 * Follows a path (`['a', 'b']`) into JSON; undefined when any step is missing. Own keys only.
 * `indexArrays: false` reads as JSON_EXTRACT with `$."a"."0"` does: a numeric key does not index an array.
 */
export function readPath(root: unknown, path: string[], indexArrays = true): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || (!indexArrays && Array.isArray(current))) return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
