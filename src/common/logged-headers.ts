/**
 * Request headers as a log line shows them. Any header may carry a credential: besides
 * Authorization and cookies, an inbound trigger's token travels in a header the tenant names
 * (`X-Shared`, say), and callers add their own keys. So only headers known to be harmless keep
 * their values; every other value is masked and its name stays, so a reader sees it was sent. Pure.
 */
const HARMLESS = new Set([
  'host',
  'user-agent',
  'accept',
  'accept-encoding',
  'accept-language',
  'content-type',
  'content-length',
  'content-encoding',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'expect',
  'te',
  'via',
  'origin',
  'referer',
  'dnt',
  'priority',
  'cache-control',
  'pragma',
  'if-none-match',
  'if-modified-since',
  'upgrade-insecure-requests',
  'x-forwarded-for',
  'x-forwarded-proto',
  'x-forwarded-host',
  'x-forwarded-port',
  'x-real-ip',
  'forwarded',
  'x-request-id',
  'x-correlation-id',
  'traceparent',
  'tracestate',
  // Delivery ids and events of the usual webhook senders: what a reader looks for, never a secret.
  'webhook-id',
  'webhook-timestamp',
  'x-github-delivery',
  'x-github-event',
  'x-gitlab-event',
]);
const HARMLESS_PREFIXES = ['sec-fetch-', 'sec-ch-ua'];

export const LOG_MASK = '[masked]';

export function loggedHeaders(headers: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const lower = name.toLowerCase();
    out[name] = HARMLESS.has(lower) || HARMLESS_PREFIXES.some((p) => lower.startsWith(p)) ? value : LOG_MASK;
  }
  return out;
}
