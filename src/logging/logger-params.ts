import type { IncomingMessage, ServerResponse } from 'http';
import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { Options } from 'pino-http';
import { LOG_MASK, loggedHeaders } from '../common/logged-headers';
import type { LogFormat } from './log-format';
import { prettyStream } from './pretty-stream';
import { demoteStartupChatter } from './startup-chatter';
import { stdoutLines } from './stdout';

/** Headers that must never reach a log line (loggedHeaders masks more: every value not known to be harmless). */
export const REDACTED_PATHS = ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-admin-token"]', 'res.headers["set-cookie"]'];

/** In a terminal a request is a debug line: the answer is on the caller's screen. A 5xx stays an error. */
const pretty: Partial<Options> = {
  customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) => (err || res.statusCode >= 500 ? 'error' : 'debug'),
  // The exception filter has logged the stack; pino-http's own error ("failed with status code 500") adds nothing.
  customErrorObject: (_req, _res, _err, val: Record<string, unknown>) => ({ ...val, err: undefined }),
};

/**
 * nestjs-pino's options for both processes. JSON lines: one object per event, requests at info
 * (what production collects). Pretty: the same events, redacted the same way, as one line each.
 * `destination` is stdout unless a test captures it.
 */
export function loggerParams(level: string, format: LogFormat, destination?: DestinationStream): Params {
  const options: Options = {
    level,
    redact: { paths: REDACTED_PATHS, censor: LOG_MASK },
    // An inbound trigger's token arrives in a header its tenant names: only harmless headers keep their values.
    serializers: { req: (req: { headers?: Record<string, unknown> }) => ({ ...req, headers: loggedHeaders(req.headers) }) },
    autoLogging: { ignore: (req) => req.url === '/health' },
    hooks: { logMethod: demoteStartupChatter },
    ...(format === 'pretty' ? pretty : {}),
  };
  if (format === 'pretty') return { pinoHttp: [options, prettyStream(destination)] };
  return { pinoHttp: [options, destination ?? stdoutLines()] };
}
