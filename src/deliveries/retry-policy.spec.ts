import { classifyError, nextAttemptDelay, parseRetryAfter, retryDelayMs, verdict } from './retry-policy';

describe('retry policy', () => {
  it('follows the Svix schedule with ±20 % jitter', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((a) => retryDelayMs(a, 5000, () => 0.5))).toEqual([0, 5000, 300000, 1800000, 7200000, 18000000, 36000000]);
    expect(retryDelayMs(2, 5000, () => 0)).toBe(4000);
    expect(retryDelayMs(2, 5000, () => 1)).toBe(6000);
    expect(retryDelayMs(9, 5000, () => 0.5)).toBe(36000000);
  });

  it('scales with the backoff base', () => {
    expect(retryDelayMs(2, 50, () => 0.5)).toBe(50);
    expect(retryDelayMs(3, 50, () => 0.5)).toBe(3000);
  });

  it('stops after max attempts and honours Retry-After as a floor', () => {
    const policy = { maxAttempts: 3, backoffBaseMs: 50 };
    expect(nextAttemptDelay(1, policy, undefined, () => 0.5)).toBe(50);
    expect(nextAttemptDelay(1, policy, 2000, () => 0.5)).toBe(2000);
    expect(nextAttemptDelay(2, policy, 10, () => 0.5)).toBe(3000);
    expect(nextAttemptDelay(3, policy)).toBeUndefined();
  });

  it('parses Retry-After seconds and dates, bounded', () => {
    const now = Date.parse('2026-11-23T00:00:00Z');
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 00:00:30 GMT', now)).toBe(30000);
    expect(parseRetryAfter('Mon, 22 Nov 2026 00:00:30 GMT', now)).toBe(0);
    expect(parseRetryAfter('999999', now)).toBe(3_600_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it.each([
    [{ status: 200 }, 'delivered'],
    [{ status: 204 }, 'delivered'],
    [{ status: 500 }, 'retry'],
    [{ status: 503 }, 'retry'],
    [{ status: 429 }, 'retry'],
    [{ status: 408 }, 'retry'],
    [{ status: 404 }, 'failed'],
    [{ status: 400 }, 'failed'],
    [{ status: 301 }, 'failed'],
    [{ status: 410 }, 'gone'],
    [{ errorClass: 'timeout' }, 'retry'],
    [{ errorClass: 'dns' }, 'retry'],
    [{ errorClass: 'blocked' }, 'failed'],
    [{ errorClass: 'template' }, 'failed'],
  ] as const)('%j → %s', (result, expected) => {
    expect(verdict(result)).toBe(expected);
  });

  it.each([
    [{ code: 'ECONNREFUSED' }, 'refused'],
    [{ code: 'ECONNRESET' }, 'reset'],
    [{ message: 'socket hang up' }, 'reset'],
    [{ code: 'ECONNABORTED', message: 'timeout of 100ms exceeded' }, 'timeout'],
    [{ code: 'ENOTFOUND' }, 'dns'],
    [{ code: 'EAI_AGAIN' }, 'dns'],
    [{ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }, 'tls'],
    [{ code: 'ERR_TLS_CERT_ALTNAME_INVALID' }, 'tls'],
    [{ message: 'DNS lookup 127.0.0.1(family:4, host:localhost) is not allowed. Because, It is private IP address.' }, 'blocked'],
    [{ code: 'EHOSTUNREACH' }, 'network'],
  ])('%j is %s', (error, expected) => {
    expect(classifyError(error)).toBe(expected);
  });
});

describe('verdict of a rejected answer', () => {
  it('fails at once unless the webhook retries rejections', () => {
    expect(verdict({ status: 200, errorClass: 'rejected' })).toBe('failed');
    expect(verdict({ status: 200, errorClass: 'rejected' }, { retryRejected: true })).toBe('retry');
    expect(verdict({ status: 200 }, { retryRejected: true })).toBe('delivered');
  });
});
