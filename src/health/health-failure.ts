import { HttpException } from '@nestjs/common';
import type { HealthCheckResult } from '@nestjs/terminus';
import { apiError } from '../common/api-error';
import type { ErrorCode } from '../common/error-codes';

/**
 * terminus's 503 as the API's error answer (the global filter would otherwise keep only "Service
 * Unavailable Exception"): a code naming what is down, its state per component in params.
 */
export function healthFailure(result: Partial<HealthCheckResult> | undefined): HttpException {
  const details = result?.details ?? {};
  const down = Object.keys(details).filter((k) => details[k]?.status !== 'up');
  const code: ErrorCode =
    down.length === 1 && down[0] === 'database' ? 'database_unavailable' : down.length === 1 && down[0] === 'redis' ? 'redis_unavailable' : 'unavailable';
  const reasons = down.map((k) => `${k} is down${typeof details[k]?.message === 'string' ? ` (${details[k].message})` : ''}`);
  const message = result?.status === 'shutting_down' ? 'Shutting down' : `Health check failed: ${reasons.join('; ') || 'a component is down'}`;
  return apiError(503, code, message, Object.fromEntries(Object.entries(details).map(([k, v]) => [k, String(v?.status ?? 'down')])));
}
