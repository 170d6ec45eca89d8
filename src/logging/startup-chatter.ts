import type { LogFn, Logger } from 'pino';

/**
 * Nest's start-up lines: one per module initialised and one per route mapped (100+ in all).
 * What a reader debugging the wiring wants, noise for everyone else: logged at debug.
 */
const STARTUP_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/** A pino logMethod hook: an info line from those contexts goes out as debug (nestjs-pino puts the context first). */
export function demoteStartupChatter(this: Logger, args: Parameters<LogFn>, method: LogFn, level: number): void {
  const first: unknown = args[0];
  const context = first && typeof first === 'object' ? (first as { context?: unknown }).context : undefined;
  if (level === this.levels.values.info && typeof context === 'string' && STARTUP_CONTEXTS.has(context)) {
    (this.debug as (...a: unknown[]) => void)(...args);
    return;
  }
  (method as (...a: unknown[]) => void).apply(this, args);
}
