/**
 * A customer's free-form attributes as typed rows for the editor and the tags, and back. Pure.
 * Dates are kept as `YYYY-MM-DD` text (what segment rules compare); anything else that is not a
 * scalar (a form's checkbox list, nested objects) is a `json` row, so editing never loses it.
 */
export const ATTRIBUTE_TYPES = ['text', 'number', 'boolean', 'date', 'json'] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

export interface AttributeRow {
  key: string;
  type: AttributeType;
  /** text/date/json: text; number: a number; boolean: true or false. */
  value: string | number | boolean | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function typeOf(value: unknown): AttributeType {
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') return DATE.test(value) ? 'date' : 'text';
  return 'json';
}

export function toRows(attributes: Record<string, unknown> | null | undefined): AttributeRow[] {
  return Object.entries(attributes ?? {}).map(([key, value]) => {
    const type = typeOf(value);
    return { key, type, value: type === 'json' ? JSON.stringify(value) : (value as AttributeRow['value']) };
  });
}

/** Why a row cannot be stored (an i18n key), or undefined. */
export function rowProblem(row: Partial<AttributeRow>): 'keyRequired' | 'numberInvalid' | 'dateInvalid' | 'jsonInvalid' | undefined {
  if (!row.key?.trim()) return 'keyRequired';
  if (row.type === 'number' && (typeof row.value !== 'number' || !Number.isFinite(row.value))) return 'numberInvalid';
  if (row.type === 'date' && !(typeof row.value === 'string' && DATE.test(row.value))) return 'dateInvalid';
  if (row.type === 'json') {
    try {
      JSON.parse(String(row.value ?? ''));
    } catch {
      return 'jsonInvalid';
    }
  }
  return undefined;
}

/** The value a row stores (an empty text row stores ""; a boolean row without a choice stores false). */
export function rowValue(row: AttributeRow): unknown {
  switch (row.type) {
    case 'number':
      return Number(row.value);
    case 'boolean':
      return row.value === true;
    case 'json':
      return JSON.parse(String(row.value));
    default:
      return row.value == null ? '' : String(row.value);
  }
}

/**
 * The attributes the rows say, as the API takes them: the whole object on create; on update a JSON
 * merge patch, where a key removed from the rows is sent as null (deleted).
 */
export function toAttributes(rows: AttributeRow[], before?: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(before ?? {})) out[key] = null;
  for (const row of rows) out[row.key.trim()] = rowValue(row);
  return out;
}

/** Short text of a value for tags and the profile: 是/否 for booleans, a list of words joined with 、, JSON for the rest. */
export function valueText(value: unknown, yes: string, no: string): string {
  if (typeof value === 'boolean') return value ? yes : no;
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.join('、');
  return JSON.stringify(value);
}
