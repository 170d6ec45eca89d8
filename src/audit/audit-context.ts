import { AsyncLocalStorage } from 'async_hooks';
import type { AuditActor } from './audit.types';

/** Who is making the request being served, and from where: set per request, read where a change is recorded. */
export interface AuditContext {
  actor: AuditActor;
  ip: string | null;
}

const storage = new AsyncLocalStorage<AuditContext>();

/** Runs `fn` with `context` as the current request's (everything it awaits sees it). */
export function runWithAuditContext<T>(context: AuditContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The current request's actor and address; outside a request (a worker, a public form, an inbound hook): the system. */
export function currentAuditContext(): AuditContext {
  return storage.getStore() ?? { actor: { type: 'system', id: null, label: null }, ip: null };
}
