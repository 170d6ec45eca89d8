import type { FormInstance } from 'antd';
import { ApiError } from './api';

/** "basicAuth.username" → ['basicAuth', 'username']; "rule.and[1].op" → ['rule', 'and', 1, 'op']. */
export function toNamePath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of path.split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    if (m[1]) out.push(m[1]);
    for (const idx of m[2].matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

/**
 * Puts an API 400's `fields` next to the form fields they name. `map` turns an API path into the
 * form's field (e.g. every "bodyTemplate.x.y" onto the template box). `formFields` are the form's
 * top-level names. Returns the messages that found no field, for the caller to show above the form.
 */
export function applyFieldErrors(
  form: FormInstance,
  error: unknown,
  formFields: string[],
  map: (apiPath: string) => (string | number)[] | undefined = toNamePath,
): string[] {
  if (!(error instanceof ApiError) || !error.body.fields) return error instanceof Error ? [error.message] : [String(error)];
  const known = new Set(formFields);
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const unplaced: string[] = [];
  for (const [path, messages] of Object.entries(error.body.fields)) {
    const name = map(path);
    if (!name || !known.has(String(name[0]))) {
      unplaced.push(...messages);
      continue;
    }
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(...messages);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()]);
  return unplaced;
}
