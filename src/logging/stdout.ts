import pino from 'pino';

let stdout: ReturnType<typeof pino.destination> | undefined;

/**
 * Where JSON lines go: stdout, written asynchronously (a busy api logs every request; a
 * synchronous write per line would stall it), at most 100 ms after they were logged. The buffer
 * is flushed on 'exit' by pino, but a process that dies by a signal never emits 'exit': see
 * flushLogs().
 */
export function stdoutLines(): ReturnType<typeof pino.destination> {
  // Lines gather up to 4 KiB (or 100 ms) per write: under load, one write for many request lines instead of one each.
  return (stdout ??= pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 100 }));
}

/**
 * Writes what is buffered before Nest re-raises SIGTERM on itself (a death by signal skips pino's
 * 'exit' flush). A line already handed to an asynchronous write sits on libuv's thread pool, which
 * the signal can cut off (it lost "shutdown complete" in most runs of a bare log-then-kill), so that
 * write is awaited first; what queued behind it is then written synchronously.
 */
export async function flushLogs(timeoutMs = 2_000): Promise<void> {
  const out = stdout;
  if (!out) return;
  // sonic-boom has no public "write in flight" flag; `_writing` is the one its own flushSync reads.
  if ((out as unknown as { _writing?: boolean })._writing) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      out.once('drain', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
  try {
    out.flushSync();
  } catch {
    // Nothing buffered yet, or stdout already closed: nothing to save.
  }
}
