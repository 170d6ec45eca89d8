import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage, ValidateIf } from 'class-validator';
import type { ErrorParams, FieldProblem } from './api-error';
import type { FieldCode } from './error-codes';
import { FieldErrors, fieldErrorsOf } from './field-problems';

export { fieldErrorsOf };
export type { FieldErrors };

/**
 * The property may be left out, but null is not a value for it: the validators after it then
 * refuse null as a wrong type (400). class-validator's IsOptional also skips null, which went on
 * to NOT NULL columns and answered 500 (`{"name": null}`). Use IsOptional only where null means
 * something (clearing a value).
 */
export const Omittable = (): PropertyDecorator => ValidateIf((_, value) => value !== undefined);

/** The rule a value broke, as a field code: class-validator's `maxLength` → `max_length`, `isInt` → `is_int`; an unknown key → `unknown_field`. */
export function ruleCode(rule: string): FieldCode {
  if (rule === 'whitelistValidation') return 'unknown_field';
  return rule.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) as FieldCode;
}

/** The arguments a rule was declared with (`@MaxLength(100)` → `{max: 100}`), read from class-validator's metadata. */
function ruleParams(error: ValidationError, rule: string): ErrorParams | undefined {
  const target = error.target?.constructor;
  if (!target) return undefined;
  const meta = getMetadataStorage()
    .getTargetValidationMetadatas(target, '', true, false)
    .find((m) => m.propertyName === error.property && (m.name === rule || m.type === rule));
  const c = meta?.constraints ?? [];
  switch (rule) {
    case 'maxLength':
    case 'max':
    case 'arrayMaxSize':
      return { max: c[0] };
    case 'minLength':
    case 'min':
    case 'arrayMinSize':
      return { min: c[0] };
    case 'isLength':
      return { min: c[0], max: c[1] };
    case 'isIn':
      return { values: c[0] };
    case 'isEnum':
      return { values: Object.values(c[0] ?? {}) as string[] };
    default:
      return undefined;
  }
}

/** Flattens class-validator's tree into one problem per rule broken, at its dotted path (`a.b[0].c`). */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const error of errors) {
    const path = /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : parent ? `${parent}.${error.property}` : error.property;
    for (const [rule, m] of Object.entries(error.constraints ?? {})) {
      const message =
        rule === 'whitelistValidation'
          ? `${path} is not an allowed field`
          : m.startsWith(`${error.property} `)
            ? path + m.slice(error.property.length)
            : `${path}: ${m}`;
      const params = ruleParams(error, rule);
      out.push({ path, code: ruleCode(rule), ...(params ? { params } : {}), message });
    }
    out.push(...flattenValidationErrors(error.children ?? [], path));
  }
  return out;
}

/** An answer names at most this many fields (a body with 20,000 unknown keys must not echo them all). */
const MAX_REPORTED_FIELDS = 50;
/** Paths and messages longer than this are cut (a key may be a megabyte long). */
const MAX_REPORTED_CHARS = 300;

const cut = (text: string) => (text.length > MAX_REPORTED_CHARS ? `${text.slice(0, MAX_REPORTED_CHARS)}…` : text);

/** Field problems from a `{path: [messages]}` map that names no codes (code `invalid`). */
export function problemsOf(fields: FieldErrors): FieldProblem[] {
  return Object.entries(fields).flatMap(([path, messages]) => messages.map((message) => ({ path, code: 'invalid' as const, message })));
}

/** The problems of the first MAX_REPORTED_FIELDS paths, at most 10 a path, paths and messages cut to size. */
export function boundProblems(all: FieldProblem[]): { problems: FieldProblem[]; more: number } {
  const paths = [...new Set(all.map((p) => p.path))];
  const kept = new Set(paths.slice(0, MAX_REPORTED_FIELDS));
  const perPath = new Map<string, number>();
  const problems: FieldProblem[] = [];
  for (const p of all) {
    const n = perPath.get(p.path) ?? 0;
    if (!kept.has(p.path) || n >= 10) continue;
    perPath.set(p.path, n + 1);
    problems.push({ ...p, path: cut(p.path), message: cut(p.message) });
  }
  return { problems, more: Math.max(0, paths.length - MAX_REPORTED_FIELDS) };
}

/** The message names this many problems: `fields` and `problems` carry them all (up to 50 paths), a third copy would only grow the answer. */
const IN_MESSAGE = 10;

/**
 * 400 `validation_failed`: `problems` (path, code, params, message) and, for clients that read it,
 * `fields` (path → messages). The message names the first ten, so a one-line client log is enough.
 */
export class FieldValidationException extends BadRequestException {
  readonly fields: FieldErrors;
  readonly problems: FieldProblem[];

  constructor(all: FieldErrors | FieldProblem[]) {
    const { problems, more } = boundProblems(Array.isArray(all) ? all : problemsOf(all));
    const unsaid = more + Math.max(0, problems.length - IN_MESSAGE);
    const fields = fieldErrorsOf(problems);
    super({
      message: `Invalid input: ${problems
        .slice(0, IN_MESSAGE)
        .map((p) => p.message)
        .join('; ')}${unsaid ? `; and ${unsaid} more` : ''}`,
      code: 'validation_failed',
      fields,
      problems,
    });
    this.fields = fields;
    this.problems = problems;
  }
}

/** One field's problem: `fieldError('url', 'is required', 'required')` → "url is required". */
export function fieldError(field: string, message: string, code: FieldCode = 'invalid', params?: ErrorParams): FieldValidationException {
  return new FieldValidationException([{ path: field, code, ...(params ? { params } : {}), message: `${field} ${message}` }]);
}

export const globalValidationPipe = () =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => new FieldValidationException(flattenValidationErrors(errors)),
  });
