import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { ValidateIf } from 'class-validator';

export type FieldErrors = Record<string, string[]>;

/**
 * The property may be left out, but null is not a value for it: the validators after it then
 * refuse null as a wrong type (400). class-validator's IsOptional also skips null, which went on
 * to NOT NULL columns and answered 500 (`{"name": null}`). Use IsOptional only where null means
 * something (clearing a value).
 */
export const Omittable = (): PropertyDecorator => ValidateIf((_, value) => value !== undefined);

/** Flattens class-validator's tree into `{ "a.b[0].c": [messages] }`. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldErrors {
  const out: FieldErrors = {};
  for (const error of errors) {
    const path = /^\d+$/.test(error.property)
      ? `${parent}[${error.property}]`
      : parent ? `${parent}.${error.property}` : error.property;
    if (error.constraints) {
      out[path] = Object.entries(error.constraints).map(([rule, m]) =>
        rule === 'whitelistValidation' ? `${path} is not an allowed field`
        : m.startsWith(`${error.property} `) ? path + m.slice(error.property.length) : `${path}: ${m}`);
    }
    Object.assign(out, flattenValidationErrors(error.children ?? [], path));
  }
  return out;
}

/** An answer names at most this many fields (a body with 20,000 unknown keys must not echo them all). */
const MAX_REPORTED_FIELDS = 50;
/** Paths and messages longer than this are cut (a key may be a megabyte long). */
const MAX_REPORTED_CHARS = 300;

const cut = (text: string) => (text.length > MAX_REPORTED_CHARS ? `${text.slice(0, MAX_REPORTED_CHARS)}…` : text);

/** The first MAX_REPORTED_FIELDS fields, paths and messages cut to size. */
export function boundFieldErrors(fields: FieldErrors): { fields: FieldErrors; more: number } {
  const entries = Object.entries(fields);
  const kept = entries.slice(0, MAX_REPORTED_FIELDS).map(([path, messages]) => [cut(path), messages.slice(0, 10).map(cut)] as const);
  return { fields: Object.fromEntries(kept), more: Math.max(0, entries.length - MAX_REPORTED_FIELDS) };
}

/** 400 with `fields`; the message names every bad field (up to 50) so a one-line client log is enough. */
export class FieldValidationException extends BadRequestException {
  readonly fields: FieldErrors;

  constructor(all: FieldErrors) {
    const { fields, more } = boundFieldErrors(all);
    super({ message: `Invalid input: ${Object.values(fields).flat().join('; ')}${more ? `; and ${more} more` : ''}`, fields });
    this.fields = fields;
  }
}

export function fieldError(field: string, message: string): FieldValidationException {
  return new FieldValidationException({ [field]: [`${field} ${message}`] });
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
