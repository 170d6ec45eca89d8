import type { DestinationStream } from 'pino';
import pretty from 'pino-pretty';

interface LogLine {
  msg?: string;
  context?: string;
  req?: { method?: string; url?: string };
  res?: { statusCode?: number };
  responseTime?: number;
}

/** `[Context] message`, or for a request `GET /api/customers 200 4 ms`. */
export function prettyMessage(log: LogLine): string {
  if (log.req && log.res) return `${log.req.method} ${log.req.url} ${log.res.statusCode} ${log.responseTime} ms`;
  return log.context ? `[${log.context}] ${log.msg ?? ''}` : (log.msg ?? '');
}

/**
 * One readable line per event for a terminal. It formats the JSON pino has already redacted and
 * serialized, so whatever the JSON lines mask is masked here too; request and response objects
 * (headers, masked) are left out of the line, other fields follow the message on the same line.
 */
export function prettyStream(destination: number | DestinationStream = 1): DestinationStream {
  return pretty({
    destination,
    // In order with the banner and console output, and nothing lost when a process exits.
    sync: true,
    singleLine: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,context,req,res,responseTime',
    messageFormat: (log) => prettyMessage(log as LogLine),
  });
}
