import { ConfigError } from '../config/env';

export type LogFormat = 'pretty' | 'json';

/**
 * LOG_FORMAT, or by default: pretty lines for a person at a terminal (stdout is a TTY, not
 * production), JSON lines for everything else (piped, collected, parsed by the process tests).
 */
export function logFormat(nodeEnv: string, value = process.env.LOG_FORMAT, stdoutIsTty = process.stdout.isTTY === true): LogFormat {
  const v = value?.trim().toLowerCase();
  if (v === 'pretty' || v === 'json') return v;
  if (v) throw new ConfigError('Invalid environment:\n  LOG_FORMAT: must be one of the following values: pretty, json');
  return stdoutIsTty && nodeEnv !== 'production' ? 'pretty' : 'json';
}
