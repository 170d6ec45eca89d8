/**
 * The answers of the public form endpoint, for browsers (HTML pages, a 303 to the redirect URL)
 * and for apps posting JSON (the API's error shape; no internal ids). Pure.
 */
import { apiError, codeForStatus, FieldProblem } from '../common/api-error';
import type { FieldCode } from '../common/error-codes';
import { FieldValidationException } from '../common/validation';
import { errorBody } from '../common/http-exception.filter';
import { PAGE_TEXT, problemText } from './form-messages';
import { PageForm, PageState, renderFormPage, renderMessagePage } from './form-page';
import type { ValueProblem } from './submission-values';

export interface FormReply {
  status: number;
  headers: Record<string, string>;
  html?: string;
  json?: unknown;
  /** 303 See Other to this URL. */
  redirect?: string;
}

/**
 * No scripts, no outside resources; the form posts only to us (and, for the redirect that follows
 * a post, to the redirect URL's origin: browsers apply form-action to it). Framing stays allowed:
 * marketers embed micro-pages.
 */
function htmlHeaders(redirectUrl?: string | null): Record<string, string> {
  const formAction = ["'self'", redirectUrl ? originOf(redirectUrl) : ''].filter(Boolean).join(' ');
  return {
    'Content-Security-Policy': pagePolicy(formAction),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'same-origin',
  };
}

const pagePolicy = (formAction: string) => `default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action ${formAction}`;

/**
 * An unsaved form's page for the editor's preview: the same page and policy, except that it posts
 * nowhere; the policy is also in the page (a srcdoc frame gets no headers).
 */
export function previewPage(form: PageForm): { html: string; contentSecurityPolicy: string } {
  const policy = pagePolicy("'none'");
  const html = renderFormPage(form).replace(
    '<meta charset="utf-8">',
    `<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="${policy}">`,
  );
  return { html, contentSecurityPolicy: policy };
}

/** The origin for CSP; a URL the WHATWG parser reads differently from the save-time check just adds nothing. */
function originOf(url: string): string {
  try {
    const origin = new URL(url).origin;
    return /^https?:\/\/[^\s;,']+$/.test(origin) ? origin : '';
  } catch {
    return '';
  }
}

function jsonError(status: number, message: string, code = codeForStatus(status)): unknown {
  return errorBody(apiError(status, code, message));
}

export function pageReply(form: PageForm & { redirectUrl: string | null }, state?: PageState, status = 200): FormReply {
  return { status, headers: htmlHeaders(form.redirectUrl), html: renderFormPage(form, state) };
}

export function notFoundReply(html: boolean): FormReply {
  return html
    ? { status: 404, headers: htmlHeaders(), html: renderMessagePage(PAGE_TEXT.notFoundTitle, PAGE_TEXT.notFound) }
    : { status: 404, headers: {}, json: jsonError(404, 'Form not found', 'form_not_found') };
}

export function goneReply(html: boolean, title: string): FormReply {
  return html
    ? { status: 410, headers: htmlHeaders(), html: renderMessagePage(title, PAGE_TEXT.gone) }
    : { status: 410, headers: {}, json: jsonError(410, 'This form no longer accepts submissions', 'form_disabled') };
}

export function tooManyReply(html: boolean, title: string, retryAfterSeconds: number): FormReply {
  const headers = { 'Retry-After': String(retryAfterSeconds) };
  return html
    ? { status: 429, headers: { ...htmlHeaders(), ...headers }, html: renderMessagePage(title, PAGE_TEXT.tooMany, true) }
    : { status: 429, headers, json: jsonError(429, `Too many submissions from this address: try again in ${retryAfterSeconds} s`) };
}

export function badBodyReply(message: string): FormReply {
  return { status: 400, headers: {}, json: jsonError(400, message) };
}

export function unsupportedReply(): FormReply {
  return { status: 415, headers: {}, json: jsonError(415, 'Send application/x-www-form-urlencoded or application/json') };
}

/** 400: the page again with what was entered and each error under its field, or the API's error shape keyed by field name. */
export function invalidReply(
  html: boolean,
  form: PageForm & { redirectUrl: string | null },
  entered: PageState['entered'],
  problems: Record<string, ValueProblem>,
): FormReply {
  if (html) return pageReply(form, { entered, problems }, 400);
  const fieldProblems = Object.entries(problems).map(([name, p]) => valueFieldProblem(name, p));
  return { status: 400, headers: {}, json: errorBody(new FieldValidationException(fieldProblems)) };
}

/** A submitted value's problem as the API's field problem: the field's name, a field code and its params. */
export function valueFieldProblem(name: string, p: ValueProblem): FieldProblem {
  const [code, params]: [FieldCode, FieldProblem['params']?] =
    p.code === 'tooLong' ? ['max_length', { max: p.max }] : p.code === 'option' ? ['is_in', { values: p.values }] : [VALUE_CODES[p.code], undefined];
  return { path: name, code, ...(params ? { params } : {}), message: problemText(p, name) };
}

const VALUE_CODES: Record<Exclude<ValueProblem['code'], 'tooLong' | 'option'>, FieldCode> = {
  required: 'required',
  text: 'is_string',
  email: 'is_email',
  mobile: 'is_mobile',
  number: 'is_number',
  boolean: 'is_boolean',
  unknown: 'unknown_field',
};

/** The thank-you page, a 303 to the redirect URL, or for apps 201 {status, message, redirectUrl?}. */
export function acceptedReply(html: boolean, form: { title: string | null; name: string; thankYouText: string | null; redirectUrl: string | null }): FormReply {
  const message = form.thankYouText || PAGE_TEXT.thanks;
  if (!html) {
    return { status: 201, headers: {}, json: { status: 'accepted', message, ...(form.redirectUrl ? { redirectUrl: form.redirectUrl } : {}) } };
  }
  if (form.redirectUrl) return { status: 303, headers: { 'Cache-Control': 'no-store' }, redirect: form.redirectUrl };
  return { status: 200, headers: htmlHeaders(), html: renderMessagePage(form.title || form.name, message) };
}
