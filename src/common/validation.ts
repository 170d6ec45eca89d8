import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

export type FieldErrors = Record<string, string[]>;

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

/** 400 with `fields`; the message names every bad field so a one-line client log is enough. */
export class FieldValidationException extends BadRequestException {
  constructor(readonly fields: FieldErrors) {
    super({ message: `Invalid input: ${Object.values(fields).flat().join('; ')}`, fields });
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
