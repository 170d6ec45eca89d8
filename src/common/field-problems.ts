/** Field problems as plain data: pure, so validators of journeys and forms need no Nest to use it. */
import type { FieldProblem } from './api-error';

export type FieldErrors = Record<string, string[]>;

/** The `{path: [messages]}` view of problems. */
export function fieldErrorsOf(problems: FieldProblem[]): FieldErrors {
  // No prototype: a path may be `__proto__` (an unknown key of a public form post was a 500).
  const fields: FieldErrors = Object.create(null);
  for (const p of problems) (fields[p.path] ??= []).push(p.message);
  return fields;
}
