/**
 * A form's fields as the API accepts them, checked whole: each problem names the path of the bad
 * part (`fields[2].options`) with a code and params, like journeys. Pure: no Nest or database imports.
 */
import type { ErrorParams, FieldProblem } from '../common/api-error';
import type { FieldCode } from '../common/error-codes';
import { fieldErrorsOf } from '../common/field-problems';
import { isPlainObject as isObject } from '../common/plain-object';

export const FIELD_TYPES = ['text', 'email', 'tel', 'number', 'textarea', 'select', 'checkbox'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** Customer columns a field can fill; `attributes.<key>` fills one attribute. */
export const MAPPABLE_COLUMNS = ['name', 'mobile', 'email', 'wechatNickname'] as const;
export type MappableColumn = (typeof MAPPABLE_COLUMNS)[number];
const ATTRIBUTE_TARGET = /^attributes\.([A-Za-z0-9_-]{1,64})$/;

/**
 * Which field type may fill which column. A mobile comes from a `tel` field and an email from an
 * `email` field so the page shows the right keyboard and the value is checked with the customer
 * rules; names come from plain text.
 */
const COLUMN_TYPES: Record<MappableColumn, FieldType> = { name: 'text', mobile: 'tel', email: 'email', wechatNickname: 'text' };

/** Field names are identifiers (templates read `submission.data.<name>`); `_` is kept for Herald's own inputs (the honeypot). */
export const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

export const FORM_LIMITS = {
  fields: 50,
  label: 200,
  placeholder: 200,
  options: 100,
  optionValue: 100,
  optionLabel: 200,
};

/** The most characters a value of each text-like type may have. */
export const VALUE_MAX_LENGTH: Record<'text' | 'email' | 'tel' | 'textarea', number> = {
  text: 200,
  email: 254,
  tel: 32,
  textarea: 2000,
};

export interface FieldOption {
  value: string;
  label: string;
}

export interface FormField {
  name: string;
  label: string;
  type: FieldType;
  required: boolean;
  /** select: the choices; checkbox: several values (without options a checkbox is one yes/no). */
  options?: FieldOption[];
  /** The customer field it fills: name, mobile, email, wechatNickname or attributes.<key>. */
  maps?: string;
  placeholder?: string;
}

export type FieldErrors = Record<string, string[]>;

const FIELD_KEYS = ['name', 'label', 'type', 'required', 'options', 'maps', 'placeholder'];
const OPTION_KEYS = ['value', 'label'];

const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.trim().length > 0 && v.length <= max;

/** A checkbox with options is a set of values; without, one yes/no. */
export function isMultiChoice(field: Pick<FormField, 'type' | 'options'>): boolean {
  return field.type === 'checkbox' && !!field.options?.length;
}

/** The customer column or attribute a `maps` value names, or undefined when it names nothing. */
export function mapTarget(maps: string): { column: MappableColumn } | { attribute: string } | undefined {
  if ((MAPPABLE_COLUMNS as readonly string[]).includes(maps)) return { column: maps as MappableColumn };
  const match = ATTRIBUTE_TARGET.exec(maps);
  return match ? { attribute: match[1] } : undefined;
}

type Add = (path: string, code: FieldCode, message: string, params?: ErrorParams) => void;

/** validateFields with the errors as `{path: messages}`. */
export function validateFields(input: unknown, path = 'fields'): { fields: FormField[]; errors: FieldErrors } {
  const { fields, problems } = checkFields(input, path);
  return { fields, errors: fieldErrorsOf(problems) };
}

/**
 * Checks the fields and answers them normalized (labels trimmed, `required` a boolean), or the
 * problems, each at its path with a code. Everything is checked so one answer names every problem.
 */
export function checkFields(input: unknown, path = 'fields'): { fields: FormField[]; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const add: Add = (p, code, message, params) => void problems.push({ path: p, code, ...(params ? { params } : {}), message: `${p} ${message}` });
  if (!Array.isArray(input) || input.length === 0) {
    add(path, Array.isArray(input) ? 'array_min_size' : 'is_array', 'must be a non-empty array of fields', { min: 1 });
    return { fields: [], problems };
  }
  if (input.length > FORM_LIMITS.fields) {
    add(path, 'array_max_size', `must have at most ${FORM_LIMITS.fields} fields`, { max: FORM_LIMITS.fields });
    return { fields: [], problems };
  }
  const names = new Map<string, number>();
  const targets = new Map<string, number>();
  input.forEach((raw, i) => {
    const at = `${path}[${i}]`;
    if (!isObject(raw)) return add(at, 'is_object', 'must be an object {name, label, type, required, options?, maps?, placeholder?}');
    for (const key of Object.keys(raw)) if (!FIELD_KEYS.includes(key)) add(`${at}.${key}`, 'unknown_field', 'is not a field property');
    const { name, label, type, required, options, maps, placeholder } = raw;
    if (typeof name !== 'string' || !FIELD_NAME.test(name)) {
      add(`${at}.name`, 'field_name', 'must be 1-64 letters, digits or _, starting with a letter');
    } else if (names.has(name)) {
      add(`${at}.name`, 'duplicate_field_name', `repeats the name of ${path}[${names.get(name)}]`, { name, index: names.get(name)! });
    } else {
      names.set(name, i);
    }
    if (!isText(label, FORM_LIMITS.label))
      add(`${at}.label`, 'is_length', `must be text of 1 to ${FORM_LIMITS.label} characters`, { min: 1, max: FORM_LIMITS.label });
    const typeOk = typeof type === 'string' && (FIELD_TYPES as readonly string[]).includes(type);
    if (!typeOk) add(`${at}.type`, 'is_in', `must be one of ${FIELD_TYPES.join(', ')}`, { values: [...FIELD_TYPES] });
    if (required !== undefined && typeof required !== 'boolean') add(`${at}.required`, 'is_boolean', 'must be true or false');
    if (placeholder !== undefined) {
      if (type === 'checkbox') add(`${at}.placeholder`, 'placeholder_not_allowed', 'is not used by checkbox fields');
      else if (typeof placeholder !== 'string' || placeholder.length > FORM_LIMITS.placeholder) {
        add(`${at}.placeholder`, 'max_length', `must be text of at most ${FORM_LIMITS.placeholder} characters`, { max: FORM_LIMITS.placeholder });
      }
    }
    checkOptions(options, type, `${at}.options`, add);
    if (maps !== undefined) {
      const target = typeof maps === 'string' ? mapTarget(maps) : undefined;
      if (!target) {
        add(`${at}.maps`, 'map_target', `must be one of ${MAPPABLE_COLUMNS.join(', ')} or attributes.<key> (key: 1-64 letters, digits, _ or -)`, {
          columns: [...MAPPABLE_COLUMNS],
        });
      } else if ('column' in target && typeOk && COLUMN_TYPES[target.column] !== type) {
        add(`${at}.maps`, 'map_type', `${target.column} is filled from a ${COLUMN_TYPES[target.column]} field, not ${type}`, {
          column: target.column,
          expected: COLUMN_TYPES[target.column],
          type: type as string,
        });
      } else if (targets.has(maps as string)) {
        add(`${at}.maps`, 'duplicate_mapping', `repeats the mapping of ${path}[${targets.get(maps as string)}]`, {
          maps: maps as string,
          index: targets.get(maps as string)!,
        });
      } else {
        targets.set(maps as string, i);
      }
    }
  });
  // Normalised only once every part is known good: an option that is not {value, label} would throw here.
  if (problems.length) return { fields: [], problems };
  return { fields: (input as Record<string, unknown>[]).map(toField), problems };
}

function toField({ name, label, type, required, options, maps, placeholder }: Record<string, unknown>): FormField {
  return {
    name: name as string,
    label: (label as string).trim(),
    type: type as FieldType,
    required: required === true,
    ...(options !== undefined ? { options: (options as FieldOption[]).map((o) => ({ value: o.value, label: o.label.trim() })) } : {}),
    ...(maps !== undefined ? { maps: maps as string } : {}),
    ...(placeholder !== undefined && placeholder !== '' ? { placeholder: placeholder as string } : {}),
  };
}

function checkOptions(options: unknown, type: unknown, at: string, add: Add): void {
  if (options === undefined) {
    if (type === 'select') add(at, 'options_required', 'are required for a select field: [{value, label}]');
    return;
  }
  if (type !== 'select' && type !== 'checkbox') return add(at, 'options_not_allowed', 'are only for select and checkbox fields');
  if (!Array.isArray(options) || options.length === 0 || options.length > FORM_LIMITS.options) {
    return add(at, 'array_of_options', `must be an array of 1 to ${FORM_LIMITS.options} options {value, label}`, { min: 1, max: FORM_LIMITS.options });
  }
  const seen = new Map<string, number>();
  options.forEach((o, j) => {
    const oat = `${at}[${j}]`;
    if (!isObject(o)) return add(oat, 'is_object', 'must be an object {value, label}');
    for (const key of Object.keys(o)) if (!OPTION_KEYS.includes(key)) add(`${oat}.${key}`, 'unknown_field', 'is not an option property');
    if (!isText(o.value, FORM_LIMITS.optionValue) || o.value !== o.value.trim()) {
      add(`${oat}.value`, 'is_length', `must be text of 1 to ${FORM_LIMITS.optionValue} characters without surrounding spaces`, {
        min: 1,
        max: FORM_LIMITS.optionValue,
      });
    } else if (seen.has(o.value)) {
      add(`${oat}.value`, 'duplicate_option', `repeats the value of ${at}[${seen.get(o.value)}]`, { value: o.value, index: seen.get(o.value)! });
    } else {
      seen.set(o.value, j);
    }
    if (!isText(o.label, FORM_LIMITS.optionLabel))
      add(`${oat}.label`, 'is_length', `must be text of 1 to ${FORM_LIMITS.optionLabel} characters`, { min: 1, max: FORM_LIMITS.optionLabel });
  });
}
