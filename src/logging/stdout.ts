import pino from 'pino';

let stdout: ReturnType<typeof pino.destination> | undefined;

/**
 * Where JSON lines go: stdout, written asynchronously (a busy api logs every request; a
 * synchronous write per line would stall it). The buffer is flushed on 'exit' by pino, but a
 * process that dies by a signal never emits 'exit': see flushLogs().
 */
export function stdoutLines(): ReturnType<typeof pino.destination> {
  return (stdout ??= pino.destination({ dest: 1, sync: false }));
}

/**
 * Writes what is buffered, now. Nest re-raises SIGTERM on itself once the shutdown hooks have
 * run, and a death by signal skips the 'exit' flush: the last lines ("shutdown complete") were
 * sometimes lost.
 */
export function flushLogs(): void {
  try {
    stdout?.flushSync();
  } catch {
    // Nothing buffered yet, or stdout already closed: nothing to save.
  }
}
