/** The API's error shape: `{statusCode, error, message, fields?}` (fields: dotted path → messages). */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  fields?: Record<string, string[]>;
}

export class ApiError extends Error {
  constructor(readonly status: number, readonly body: ApiErrorBody) {
    super(body.message);
  }
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

type Query = Record<string, string | number | boolean | undefined | null>;

/** Listeners for "the session ended" (any 401): the app sends the user to the sign-in page. */
const unauthorizedListeners = new Set<() => void>();
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** Same-origin fetch with the session cookie; JSON in and out; errors as ApiError. */
export async function api<T>(method: string, path: string, body?: unknown, init: { contentType?: string; query?: Query; signal?: AbortSignal } = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let payload: BodyInit | undefined;
  if (body !== undefined) {
    headers['Content-Type'] = init.contentType ?? 'application/json';
    payload = typeof body === 'string' && init.contentType ? body : JSON.stringify(body);
  }
  const res = await fetch(withQuery(path, init.query), { method, headers, body: payload, credentials: 'same-origin', signal: init.signal });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const data = text ? safeJson(text) : undefined;
  if (!res.ok) {
    const err = (data && typeof data === 'object' ? data : { statusCode: res.status, error: res.statusText, message: text || res.statusText }) as ApiErrorBody;
    if (res.status === 401 && !path.startsWith('/api/auth/login')) unauthorizedListeners.forEach((l) => l());
    throw new ApiError(res.status, err);
  }
  return data as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** `signal`: a polled query passes TanStack's, so a poll cancelled by a save is aborted, not just ignored. */
export const get = <T,>(path: string, query?: Query, signal?: AbortSignal) => api<T>('GET', path, undefined, { query, signal });
export const post = <T,>(path: string, body?: unknown) => api<T>('POST', path, body ?? {});
export const patch = <T,>(path: string, body: unknown) => api<T>('PATCH', path, body);
export const del = <T,>(path: string) => api<T>('DELETE', path);
