import createClient from 'openapi-fetch';
import type { components, paths } from '../api/schema';

/** The document's error answer: `{statusCode, error, code, message, params?, fields?, problems?}`. */
export type ErrorBody = components['schemas']['ErrorResponseDto'];
export type ErrorCode = components['schemas']['ErrorCode'];
export type FieldProblemCode = components['schemas']['FieldProblemCode'];
export type FieldProblem = components['schemas']['FieldProblemDto'];

/** What a status means when the answer carries no code of its own (a proxy's page, an older server). */
const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  410: 'gone',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  502: 'bad_gateway',
  503: 'unavailable',
};
export const codeForStatus = (status: number): ErrorCode => CODE_BY_STATUS[status] ?? (status >= 500 ? 'internal_error' : 'bad_request');

/** An API answer that is not 2xx. `message` stays English for logs: show errorText(error) instead. */
export class ApiError extends Error {
  readonly body: ErrorBody;
  constructor(
    readonly status: number,
    answer: unknown,
    statusText = '',
  ) {
    const body = isErrorBody(answer)
      ? answer
      : { statusCode: status, error: statusText, code: codeForStatus(status), message: typeof answer === 'string' && answer ? answer : statusText };
    super(body.message);
    this.body = body;
  }
}

function isErrorBody(x: unknown): x is ErrorBody {
  return !!x && typeof x === 'object' && typeof (x as ErrorBody).code === 'string' && typeof (x as ErrorBody).message === 'string';
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Listeners for "the session ended" (any 401): the app sends the user to the sign-in page. */
const unauthorizedListeners = new Set<() => void>();
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

/** Listeners for "your rights changed" (any 403): the app asks who it is again, so the screen stops offering it. */
const forbiddenListeners = new Set<() => void>();
export function onForbidden(listener: () => void): () => void {
  forbiddenListeners.add(listener);
  return () => forbiddenListeners.delete(listener);
}

/**
 * The typed client: paths, parameters, bodies and answers all come from the document (src/api/schema.ts).
 * Same-origin, with the session cookie. Call it through `data()`, which throws the error answers.
 */
// no-store: TanStack Query is the cache; the browser revalidating (If-None-Match → 304) would only add round trips.
export const client = createClient<paths>({ baseUrl: '', credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' } });
client.use({
  onResponse({ response, schemaPath }) {
    // A wrong password is a 401 too, but it is the sign-in form's to show.
    if (response.status === 401 && schemaPath !== '/api/auth/login') unauthorizedListeners.forEach((l) => l());
    if (response.status === 403) forbiddenListeners.forEach((l) => l());
  },
});

/** The success arm of an openapi-fetch answer. */
type Data<R> = R extends { data: infer D; error?: never } ? D : never;

/**
 * The answer's body, or an ApiError for an error answer. Polled queries pass TanStack's `signal` in
 * the call's options, so a poll cancelled by a save (lib/saved.ts) is aborted, not just ignored.
 */
export async function data<R extends { response: Response; error?: unknown }>(call: Promise<R>): Promise<Data<R>> {
  const res = await call;
  if (!res.response.ok) throw new ApiError(res.response.status, res.error, res.response.statusText);
  return (res as unknown as { data: Data<R> }).data;
}

/**
 * A draft sent as it is: a journey definition or a segment rule still being built is incomplete by
 * nature (a node without its webhook, a condition without a value), so it does not fit the document's
 * finished shape; the API answers what is missing (the live check, the rule count), in `problems`.
 */
export function asBody<T>(body: unknown): T {
  return body as T;
}
