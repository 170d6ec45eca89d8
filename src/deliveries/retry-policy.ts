/**
 * When to retry, pure. The default schedule follows Svix / Standard Webhooks: immediately, then
 * 5 s, 5 min, 30 min, 2 h, 5 h, 10 h (each ±20 % jitter). A webhook's `backoffBaseMs` scales the
 * whole schedule (5,000 = the default), which is how tests run it in milliseconds.
 */
export const DEFAULT_SCHEDULE_MS = [0, 5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000];
export const DEFAULT_BACKOFF_BASE_MS = 5_000;
export const DEFAULT_MAX_ATTEMPTS = DEFAULT_SCHEDULE_MS.length;
export const JITTER = 0.2;
/** A Retry-After beyond this is capped: a receiver cannot park a message for days. */
export const MAX_RETRY_AFTER_MS = 3_600_000;

export interface RetryPolicy {
  maxAttempts: number;
  backoffBaseMs: number;
}

/** Delay before attempt `attempt` (2 = the first retry); the schedule's last step repeats. */
export function retryDelayMs(attempt: number, backoffBaseMs: number, random: () => number = Math.random): number {
  const step = DEFAULT_SCHEDULE_MS[Math.min(Math.max(attempt - 1, 0), DEFAULT_SCHEDULE_MS.length - 1)];
  const nominal = step * (backoffBaseMs / DEFAULT_BACKOFF_BASE_MS);
  return Math.round(nominal * (1 - JITTER + 2 * JITTER * random()));
}

/** `Retry-After` as delta-seconds or an HTTP date, in ms from `now`; bounded. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  const ms = /^\d+$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed) - now;
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}

/**
 * Why a message did not get an answer. `blocked` (a private target refused) and `template` (the
 * body could not be rendered within its limits: nothing was sent, see DeliveriesService) are ours
 * and final; the others are the network's and retried. `rejected` is a 2xx answer that failed the
 * webhook's success rule (the receiver said no in its body): final unless the webhook retries it.
 */
export type ErrorClass = 'timeout' | 'refused' | 'reset' | 'dns' | 'tls' | 'blocked' | 'network' | 'template' | 'rejected';
export const FINAL_ERROR_CLASSES: readonly ErrorClass[] = ['blocked', 'template'];
export type Verdict = 'delivered' | 'retry' | 'failed' | 'gone';

/**
 * 2xx delivered; 408, 429, 5xx and network errors retried; 410 gone; other 4xx, 3xx, blocked targets and template
 * failures fail at once; a 2xx the success rule rejected fails, or is retried when the webhook says so.
 */
export function verdict(result: { status?: number; errorClass?: ErrorClass }, options: { retryRejected?: boolean } = {}): Verdict {
  if (result.errorClass === 'rejected') return options.retryRejected ? 'retry' : 'failed';
  if (result.errorClass) return FINAL_ERROR_CLASSES.includes(result.errorClass) ? 'failed' : 'retry';
  const status = result.status ?? 0;
  if (status >= 200 && status < 300) return 'delivered';
  if (status === 410) return 'gone';
  if (status === 408 || status === 429 || status >= 500) return 'retry';
  return 'failed';
}

/** When the next attempt may start, or undefined when there is none left. */
export function nextAttemptDelay(attemptsMade: number, policy: RetryPolicy, retryAfterMs?: number, random: () => number = Math.random): number | undefined {
  if (attemptsMade >= policy.maxAttempts) return undefined;
  const scheduled = retryDelayMs(attemptsMade + 1, policy.backoffBaseMs, random);
  return retryAfterMs === undefined ? scheduled : Math.max(scheduled, retryAfterMs);
}

/** Maps a Node/axios network error to a class we record and decide on. */
export function classifyError(error: { code?: string; message?: string }): ErrorClass {
  const code = error.code ?? '';
  const message = error.message ?? '';
  // request-filtering-agent refuses private/loopback/link-local addresses at connect time.
  if (/is not allowed\. Because/i.test(message) || code === 'ERR_BLOCKED_TARGET') return 'blocked';
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(message)) return 'timeout';
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ECONNRESET' || code === 'EPIPE' || /socket hang up/i.test(message)) return 'reset';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') return 'dns';
  if (/^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO|DEPTH_ZERO|SELF_SIGNED|ERR_OSSL)/.test(code) || /certificate|SSL|TLS/.test(message)) return 'tls';
  return 'network';
}
