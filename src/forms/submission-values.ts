/**
 * Reading a submission against its form: each field's value checked and coerced to its type
 * (text, a number, a yes/no, a list of options), what the person typed kept for the page, and
 * the customer fields the mapped values fill. Pure: no Nest or database imports.
 */
import { isEmail } from 'class-validator';
import { MOBILE_PATTERN, normalizeEmail, normalizeMobile } from '../customers/customer-contact';
import { FormField, isMultiChoice, mapTarget, MappableColumn, VALUE_MAX_LENGTH } from './form-fields';

/** The hidden input bots fill and people do not see. Field names cannot start with `_`, so it never clashes. */
export const HONEYPOT_FIELD = '_homepage';

export type SubmittedValue = string | number | boolean | string[] | null;

export type ValueProblem =
  | { code: 'required' }
  | { code: 'text' }
  | { code: 'tooLong'; max: number }
  | { code: 'email' }
  | { code: 'mobile' }
  | { code: 'number' }
  | { code: 'option'; values: string[] }
  | { code: 'boolean' }
  | { code: 'unknown' };

export interface ReadSubmission {
  /** Every field of the form, typed: text, number, boolean, list of option values, or null when left empty. */
  values: Record<string, SubmittedValue>;
  /** By field name (or, for JSON callers, by the unknown key). */
  problems: Record<string, ValueProblem>;
  /** What was entered, as text, to fill the page again when it has errors. */
  entered: Record<string, string | string[]>;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,3})?$/;
const TRUE = ['true', 'on', '1', 'yes'];
const FALSE = ['false', 'off', '0', 'no', ''];

/**
 * `strict` is for JSON callers: a key that names no field is an error (as everywhere in the API).
 * A browser post may carry other inputs (a submit button's name), which are ignored.
 */
export function readSubmission(fields: FormField[], body: Record<string, unknown>, options: { strict: boolean }): ReadSubmission {
  // problems takes the caller's keys: without a prototype, a `__proto__` key is a key like any other.
  const out: ReadSubmission = { values: {}, problems: Object.create(null), entered: {} };
  for (const field of fields) {
    const raw = Object.prototype.hasOwnProperty.call(body, field.name) ? body[field.name] : undefined;
    const entered = enteredText(raw);
    if (entered !== undefined) out.entered[field.name] = entered;
    const result = readValue(field, raw);
    if ('problem' in result) out.problems[field.name] = result.problem;
    out.values[field.name] = 'value' in result ? result.value : null;
  }
  if (options.strict) {
    const known = new Set(fields.map((f) => f.name));
    for (const key of Object.keys(body)) if (!known.has(key) && key !== HONEYPOT_FIELD) out.problems[key] = { code: 'unknown' };
  }
  return out;
}

type Read = { value: SubmittedValue } | { problem: ValueProblem };

function readValue(field: FormField, raw: unknown): Read {
  if (field.type === 'checkbox') return isMultiChoice(field) ? readChoices(field, raw) : readYesNo(field, raw);
  if (field.type === 'number') return readNumber(field, raw);
  if (raw === undefined || raw === null) return empty(field);
  if (typeof raw !== 'string') return { problem: { code: 'text' } };
  const text = raw.trim();
  if (!text) return empty(field);
  if (field.type === 'select') {
    const values = field.options!.map((o) => o.value);
    return values.includes(text) ? { value: text } : { problem: { code: 'option', values } };
  }
  const max = VALUE_MAX_LENGTH[field.type];
  if (text.length > max) return { problem: { code: 'tooLong', max } };
  if (field.type === 'email') {
    // The customer rules (CustomerFieldsDto): lower-cased, class-validator's isEmail.
    const email = normalizeEmail(text);
    return isEmail(email) ? { value: email } : { problem: { code: 'email' } };
  }
  if (field.type === 'tel') {
    const mobile = normalizeMobile(text);
    return MOBILE_PATTERN.test(mobile) ? { value: mobile } : { problem: { code: 'mobile' } };
  }
  return { value: text };
}

function empty(field: FormField): Read {
  return field.required ? { problem: { code: 'required' } } : { value: null };
}

function readNumber(field: FormField, raw: unknown): Read {
  if (raw === undefined || raw === null || (typeof raw === 'string' && !raw.trim())) return empty(field);
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && NUMBER.test(raw.trim()) ? Number(raw.trim()) : NaN;
  return Number.isFinite(n) ? { value: n } : { problem: { code: 'number' } };
}

function readYesNo(field: FormField, raw: unknown): Read {
  let value: boolean;
  if (raw === undefined || raw === null || typeof raw === 'boolean') value = raw === true;
  else if (typeof raw === 'string' && TRUE.includes(raw.trim().toLowerCase())) value = true;
  else if (typeof raw === 'string' && FALSE.includes(raw.trim().toLowerCase())) value = false;
  else return { problem: { code: 'boolean' } };
  return field.required && !value ? { problem: { code: 'required' } } : { value };
}

function readChoices(field: FormField, raw: unknown): Read {
  const values = field.options!.map((o) => o.value);
  const given = raw === undefined || raw === null ? [] : Array.isArray(raw) ? raw : [raw];
  const picked = new Set<string>();
  for (const v of given) {
    if (v === '') continue;
    if (typeof v !== 'string' || !values.includes(v)) return { problem: { code: 'option', values } };
    picked.add(v);
  }
  if (field.required && !picked.size) return { problem: { code: 'required' } };
  // In the options' order, so equal choices store equal lists.
  return { value: values.filter((v) => picked.has(v)) };
}

function enteredText(raw: unknown): string | string[] | undefined {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  if (Array.isArray(raw)) return raw.filter((v): v is string => typeof v === 'string');
  return undefined;
}

export interface CustomerInput {
  name?: string;
  mobile?: string;
  email?: string;
  wechatNickname?: string;
  /** Mapped attributes with a value (empty optional fields leave the customer's attribute alone). */
  attributes: Record<string, Exclude<SubmittedValue, null>>;
}

/** The customer fields a valid submission fills, from the fields' `maps`. */
export function customerInput(fields: FormField[], values: Record<string, SubmittedValue>): CustomerInput {
  const out: CustomerInput = { attributes: {} };
  for (const field of fields) {
    const value = values[field.name];
    if (!field.maps || value === null || value === undefined) continue;
    const target = mapTarget(field.maps);
    if (!target) continue;
    if ('column' in target) {
      // The mapping rules let only text fields fill columns.
      if (typeof value === 'string') out[target.column as MappableColumn] = value;
    } else {
      out.attributes[target.attribute] = value;
    }
  }
  return out;
}
