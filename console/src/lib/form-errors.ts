import type { FormInstance } from 'antd';
import { useCallback } from 'react';
import { useT, type Lang } from '../i18n';
import { ApiError, type FieldProblem } from './api';
import { errorText, placedProblemText, problemText } from './errors';

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
 * An error answer's field problems (`problems`, or the older `fields` map read as `invalid`), or none
 * when the answer is not about fields.
 */
export function problemsOf(error: unknown): FieldProblem[] {
  if (!(error instanceof ApiError)) return [];
  if (error.body.problems?.length) return error.body.problems;
  return Object.entries(error.body.fields ?? {}).flatMap(([path, messages]) => messages.map((message) => ({ path, code: 'invalid' as const, message })));
}

/** Problems as path → texts in the console's language (the journey editor and the rule builder read them so). */
export function problemsByPath(problems: FieldProblem[], lang: Lang): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const p of problems) (out[p.path] ??= []).push(problemText(p, lang));
  return out;
}

/**
 * Puts an API error's field problems, worded in the console's language, on the form fields they name.
 * `map` turns an API path into the form's field (e.g. every "bodyTemplate.x.y" onto the template box).
 * `formFields` are the form's top-level names. Returns the texts that found no field (and the whole
 * error's text when it is not about fields), for the caller to show above the form.
 */
export function applyFieldErrors(
  lang: Lang,
  form: FormInstance,
  error: unknown,
  formFields: string[],
  map: (apiPath: string) => (string | number)[] | undefined = toNamePath,
): string[] {
  const problems = problemsOf(error);
  if (!problems.length) return [errorText(error, lang)];
  const known = new Set(formFields);
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const unplaced: string[] = [];
  for (const p of problems) {
    const name = map(p.path);
    if (!name || !known.has(String(name[0]))) {
      unplaced.push(placedProblemText(p, lang));
      continue;
    }
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(problemText(p, lang));
    byField.set(key, entry);
  }
  form.setFields([...byField.values()]);
  return unplaced;
}

/** applyFieldErrors in the current language. */
export function useFieldErrors() {
  const { lang } = useT();
  return useCallback(
    (form: FormInstance, error: unknown, formFields: string[], map?: (apiPath: string) => (string | number)[] | undefined) =>
      applyFieldErrors(lang, form, error, formFields, map),
    [lang],
  );
}
