/**
 * Dynamic group rules: a JSON tree of conditions combined with `and` / `or`, validated on save and
 * compiled to one SQL predicate with bound parameters (evaluated by the database, never in memory).
 *
 *   { "and": [ { "field": "activityScore", "op": ">=", "value": 500 },
 *              { "field": "attributes.city", "op": "=", "value": "Shanghai" } ] }
 *
 * Pure: no Nest or database imports. String comparisons follow the database collation
 * (case-insensitive), for columns and attributes alike.
 */
import type { ErrorParams, FieldProblem } from '../common/api-error';
import type { FieldCode } from '../common/error-codes';
import { escapeLike } from '../common/sql';

export const RULE_OPERATORS = ['=', '!=', '>', '>=', '<', '<=', 'in', 'contains', 'exists'] as const;
export type RuleOperator = (typeof RULE_OPERATORS)[number];
export type Scalar = string | number | boolean;

export interface RuleCondition {
  field: string;
  op: RuleOperator;
  value?: Scalar | Scalar[];
}
export type Rule = RuleCondition | { and: Rule[] } | { or: Rule[] };

export type FieldKind = 'number' | 'string' | 'date' | 'attribute';
/** Which kind of value a rule field holds; undefined when the field is not allowed. */
export type FieldResolver = (field: unknown) => FieldKind | undefined;
export const CUSTOMER_RULE_FIELDS: Record<string, FieldKind> = {
  id: 'number',
  activityScore: 'number',
  name: 'string',
  wechatNickname: 'string',
  mobile: 'string',
  email: 'string',
  createdAt: 'date',
  updatedAt: 'date',
  /** Null while subscribed: `exists` tells the unsubscribed from the rest. */
  unsubscribedAt: 'date',
};
const FIELDS = CUSTOMER_RULE_FIELDS;
export const ATTRIBUTE_PATH = /^attributes((?:\.[A-Za-z0-9_-]{1,64}){1,5})$/;
const COMPARISONS = ['=', '!=', '>', '>=', '<', '<='];
const ALLOWED_OPS: Record<FieldKind, readonly string[]> = {
  number: [...COMPARISONS, 'in'],
  string: ['=', '!=', 'in', 'contains', 'exists'],
  date: [...COMPARISONS, 'exists'],
  attribute: RULE_OPERATORS,
};
export const RULE_LIMITS = { depth: 6, conditions: 100, inValues: 1000, stringLength: 1000 };

/** Adds a problem at a path: its code, the values the message was made from, and the English message (after the path). */
type AddProblem = (path: string, code: FieldCode, params: ErrorParams | undefined, message: string) => void;

/**
 * Checks a rule tree from untrusted JSON; returns one problem per bad part, at its path (`rule.and[1].op`).
 * `resolve` says which fields exist (customer columns and attributes by default; journeys add
 * their own namespaces) and `fieldHint` how to name them in the error.
 */
export function validateRule(
  input: unknown,
  root = 'rule',
  resolve: FieldResolver = customerFieldKind,
  fieldHint = `${Object.keys(FIELDS).join(', ')} or attributes.<key>[.<key>...]`,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add: AddProblem = (path, code, params, message) => void problems.push({ path, code, ...(params ? { params } : {}), message: `${path} ${message}` });
  let conditions = 0;

  const visit = (node: unknown, path: string, depth: number): void => {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) {
      return add(path, 'rule_shape', undefined, 'must be an object: {"and": [...]}, {"or": [...]} or {"field", "op", "value"}');
    }
    const keys = Object.keys(node);
    const obj = node as Record<string, unknown>;
    if ('and' in obj || 'or' in obj) {
      const op = 'and' in obj ? 'and' : 'or';
      if (keys.length !== 1) return add(path, 'rule_single_key', { key: op }, `must have only the key "${op}"`);
      if (depth >= RULE_LIMITS.depth) return add(path, 'rule_too_deep', { max: RULE_LIMITS.depth }, `nests deeper than ${RULE_LIMITS.depth} levels`);
      const list = obj[op];
      if (!Array.isArray(list) || list.length === 0) return add(`${path}.${op}`, 'rule_list', undefined, 'must be a non-empty array');
      list.forEach((child, i) => visit(child, `${path}.${op}[${i}]`, depth + 1));
      return;
    }
    if (++conditions > RULE_LIMITS.conditions) {
      return add(path, 'rule_too_many_conditions', { max: RULE_LIMITS.conditions }, `exceeds ${RULE_LIMITS.conditions} conditions`);
    }
    const extra = keys.filter((k) => !['field', 'op', 'value'].includes(k));
    if (extra.length) return add(`${path}.${extra[0]}`, 'rule_unknown_key', { key: extra[0] }, 'is not an allowed key (use field, op, value, and, or)');
    validateCondition(obj, path, add, resolve, fieldHint);
  };
  visit(input, root, 0);
  return problems;
}

/** The customers table's fields: columns, and any attributes path. */
export function customerFieldKind(field: unknown): FieldKind | undefined {
  if (typeof field !== 'string') return undefined;
  // Own keys only: "constructor" must not resolve to Object.prototype's function.
  if (Object.prototype.hasOwnProperty.call(FIELDS, field)) return FIELDS[field];
  return ATTRIBUTE_PATH.test(field) ? 'attribute' : undefined;
}

function validateCondition(c: Record<string, unknown>, path: string, add: AddProblem, resolve: FieldResolver, fieldHint: string): void {
  const kind = resolve(c.field);
  if (!kind) {
    return add(`${path}.field`, 'rule_unknown_field', { field: shown(c.field) }, `must be one of ${fieldHint} (got ${JSON.stringify(c.field)})`);
  }
  const field = c.field as string;
  if (typeof c.op !== 'string' || !ALLOWED_OPS[kind].includes(c.op)) {
    return add(
      `${path}.op`,
      'rule_operator',
      { field, op: shown(c.op), values: [...ALLOWED_OPS[kind]] },
      `must be one of ${ALLOWED_OPS[kind].join(' ')} for ${c.field} (got ${JSON.stringify(c.op)})`,
    );
  }
  const op = c.op;
  const v = c.value;
  const bad = (expected: ExpectedValue, words: string) => add(`${path}.value`, 'rule_value', { field, op, expected }, `must be ${words} for ${field} ${op}`);
  const okString = (x: unknown) => typeof x === 'string' && x.length <= RULE_LIMITS.stringLength;
  const okNumber = (x: unknown) => typeof x === 'number' && Number.isFinite(x);
  switch (c.op) {
    case 'exists':
      return void (typeof v !== 'boolean' && bad('boolean', 'true or false'));
    case 'contains':
      return void (!okString(v) || v === '' ? bad('non_empty_string', 'a non-empty string') : undefined);
    case 'in': {
      const all = (pred: (x: unknown) => boolean) => Array.isArray(v) && v.length > 0 && v.every(pred);
      const limit = Array.isArray(v) && v.length > RULE_LIMITS.inValues;
      if (limit) {
        return add(
          `${path}.value`,
          'rule_too_many_values',
          { max: RULE_LIMITS.inValues },
          `must be an array of at most ${RULE_LIMITS.inValues} values for ${field} ${op}`,
        );
      }
      if (kind === 'number' ? !all(okNumber) : kind === 'string' ? !all(okString) : !(all(okNumber) || all(okString))) {
        return kind === 'number'
          ? bad('numbers', 'a non-empty array of numbers')
          : kind === 'string'
            ? bad('strings', 'a non-empty array of strings')
            : bad('strings_or_numbers', 'a non-empty array of all strings or all numbers');
      }
      return;
    }
  }
  // comparison operators
  if (kind === 'number' && !okNumber(v)) return bad('number', 'a number');
  if (kind === 'string' && !okString(v)) return bad('string', 'a string');
  if (kind === 'date' && !(typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) && !Number.isNaN(Date.parse(v)))) {
    return bad('date_time', 'an ISO-8601 date-time');
  }
  if (kind === 'attribute') {
    if (typeof v === 'boolean' && op !== '=' && op !== '!=') return bad('not_boolean', 'a number or string (booleans only with = and !=)');
    if (!okNumber(v) && !okString(v) && typeof v !== 'boolean') return bad('scalar', 'a string, number or boolean');
  }
}

/** What a rule value must be (`params.expected` of rule_value), named so a client can word it. */
type ExpectedValue =
  'number' | 'string' | 'boolean' | 'date_time' | 'non_empty_string' | 'numbers' | 'strings' | 'strings_or_numbers' | 'scalar' | 'not_boolean';

/** A value the caller sent, as a param: scalars as they are, anything else as (cut) JSON text. */
function shown(value: unknown): string | number | boolean | null {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.slice(0, 100);
}

/** An SQL predicate with named parameters (TypeORM style `:name`, `:...name` for lists). */
export interface CompiledRule {
  sql: string;
  params: Record<string, unknown>;
}

const JSON_NUMBER_TYPES = "('INTEGER','DOUBLE','DECIMAL','UNSIGNED INTEGER')";

/**
 * Compiles a validated rule. `alias` is the customers table alias. Only identifiers from the
 * fixed field list reach the SQL text; every value, and every JSON path, is a bound parameter.
 */
export function compileRule(rule: Rule, alias = 'c', prefix = 'r'): CompiledRule {
  const params: Record<string, unknown> = {};
  let n = 0;
  const bind = (value: unknown) => {
    const name = `${prefix}${n++}`;
    params[name] = value;
    return name;
  };

  const condition = (c: RuleCondition): string => {
    const kind = customerFieldKind(c.field)!;
    if (kind === 'attribute') return attributeCondition(c);
    const col = `${alias}.${c.field}`;
    const value = kind === 'date' && typeof c.value === 'string' ? new Date(c.value) : c.value;
    switch (c.op) {
      case '=':
        return `${col} = :${bind(value)}`;
      case '!=':
        return `(${col} <> :${bind(value)} OR ${col} IS NULL)`;
      case 'in':
        return `${col} IN (:...${bind(value)})`;
      case 'contains':
        return `${col} LIKE :${bind(`%${escapeLike(String(value))}%`)}`;
      case 'exists': {
        const blank = kind === 'string' ? ` OR ${col} = ''` : '';
        return value ? `NOT (${col} IS NULL${blank})` : `(${col} IS NULL${blank})`;
      }
      default:
        return `${col} ${c.op} :${bind(value)}`;
    }
  };

  const attributeCondition = (c: RuleCondition): string => {
    const path =
      '$' +
      c.field
        .slice('attributes'.length)
        .split('.')
        .slice(1)
        .map((k) => `."${k}"`)
        .join('');
    const x = `JSON_EXTRACT(${alias}.attributes, :${bind(path)})`;
    const isNumber = `JSON_TYPE(${x}) IN ${JSON_NUMBER_TYPES}`;
    const asNumber = `CAST(${x} AS DECIMAL(38,10))`;
    const isString = `JSON_TYPE(${x}) = 'STRING'`;
    const asString = `JSON_UNQUOTE(${x}) COLLATE utf8mb4_unicode_ci`;
    const equal = (v: Scalar): string =>
      typeof v === 'number'
        ? `(${isNumber} AND ${asNumber} = :${bind(v)})`
        : typeof v === 'boolean'
          ? `(JSON_TYPE(${x}) = 'BOOLEAN' AND JSON_UNQUOTE(${x}) = '${v}')`
          : `(${isString} AND ${asString} = :${bind(v)})`;
    const v = c.value as Scalar;
    switch (c.op) {
      case '=':
        return equal(v);
      case '!=':
        return `NOT COALESCE(${equal(v)}, FALSE)`;
      case 'in': {
        const list = c.value as Scalar[];
        return typeof list[0] === 'number' ? `(${isNumber} AND ${asNumber} IN (:...${bind(list)}))` : `(${isString} AND ${asString} IN (:...${bind(list)}))`;
      }
      case 'contains':
        return (
          `((${isString} AND ${asString} LIKE :${bind(`%${escapeLike(String(v))}%`)}) OR ` +
          `(JSON_TYPE(${x}) = 'ARRAY' AND JSON_CONTAINS(${x}, :${bind(JSON.stringify(v))})))`
        );
      case 'exists': {
        const present = `COALESCE(JSON_TYPE(${x}) <> 'NULL', FALSE)`;
        return v ? present : `NOT ${present}`;
      }
      default:
        return typeof v === 'number' ? `(${isNumber} AND ${asNumber} ${c.op} :${bind(v)})` : `(${isString} AND ${asString} ${c.op} :${bind(v)})`;
    }
  };

  const visit = (node: Rule): string => {
    if ('and' in node) return `(${node.and.map(visit).join(' AND ')})`;
    if ('or' in node) return `(${node.or.map(visit).join(' OR ')})`;
    return condition(node);
  };
  return { sql: visit(rule), params };
}
