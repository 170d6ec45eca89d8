import type { InboundChecks, InboundTrigger } from '../../lib/models';

/** Secrets in clear from an answer: the API masks stored ones (`••••••abcd`) and shows new ones once. */
export interface Revealed {
  hmac?: string;
  standardWebhooks?: string;
  token?: string;
}

const clear = (s: string | null | undefined) => (s && !s.startsWith('•') ? s : undefined);

export function revealedIn(checks: InboundChecks): Revealed {
  const out: Revealed = { hmac: clear(checks.hmac?.secret), standardWebhooks: clear(checks.standardWebhooks?.secret), token: clear(checks.token?.value) };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v)) as Revealed;
}

/**
 * Secrets a create answered, handed to the trigger's page the router opens next. Held in memory
 * only and taken once, so neither history state nor a reload shows them again.
 */
const pending = new Map<number, Revealed>();
export function handOver(id: number, revealed: Revealed): void {
  if (Object.keys(revealed).length) pending.set(id, revealed);
}
export function takeHandedOver(id: number): Revealed {
  const r = pending.get(id) ?? {};
  pending.delete(id);
  return r;
}

/** The trigger as the API shows it later: secrets in clear become hints (`••••••` + last 4), so none stays in the cache. */
export function masked(t: InboundTrigger): InboundTrigger {
  const hint = (s: string | null | undefined) => (s && !s.startsWith('•') ? (s.length >= 20 ? `••••••${s.slice(-4)}` : '••••••') : (s ?? null));
  const c = t.checks;
  return {
    ...t,
    checks: {
      ...c,
      hmac: c.hmac && { ...c.hmac, secret: hint(c.hmac.secret) },
      standardWebhooks: c.standardWebhooks && { secret: hint(c.standardWebhooks.secret) },
      token: c.token && { ...c.token, value: hint(c.token.value) },
    },
  };
}
