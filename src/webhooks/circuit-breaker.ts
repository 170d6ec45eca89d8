/**
 * A per-webhook circuit breaker, pure: what an attempt says about the receiver, how consecutive
 * failures open the circuit, when a waiting message may go (one probe after the cool-down), and
 * how a success closes it. CircuitBreakerService keeps the state in Redis (compare-and-set, so
 * every worker sees one circuit) and mirrors its changes onto the webhook row for the API.
 */

export const CIRCUIT_STATES = ['closed', 'open', 'half_open'] as const;
export type CircuitState = (typeof CIRCUIT_STATES)[number];

export interface Circuit {
  state: CircuitState;
  /** Consecutive attempts that said the receiver is down. */
  failures: number;
  /** When it last opened (ms since the epoch). */
  openedAt: number | null;
  reason: string | null;
  /** half_open: until when the probe in flight holds the right to be the only message sent. */
  probeUntil: number | null;
  /** Bumped on every change of state: the webhook row's copy is only ever replaced by a newer one. */
  epoch: number;
}

export const CLOSED: Circuit = { state: 'closed', failures: 0, openedAt: null, reason: null, probeUntil: null, epoch: 0 };

/**
 * What one attempt says about the receiver's availability:
 * - down: network errors and timeouts, 408, 429 and 5xx (the answers that are retried);
 * - up: 2xx, and any other answer (3xx, 400, 401, 404, 410 ...): the receiver is there and has
 *   refused that message — those fail at once and burn no retries, so holding the others back
 *   would only delay them, and a refusal is no sign of an outage;
 * - none: our own refusals (`blocked` private targets, `template` failures): no request reached it.
 */
export type Signal = 'up' | 'down' | 'none';

export interface Observation {
  signal: Signal;
  /** For the circuit's reason: "HTTP 503", "timeout: no complete answer within 10000 ms". */
  detail: string;
}

export function observation(result: { status?: number; errorClass?: string; error?: string }): Observation {
  // A rejected answer (a 2xx the success rule refused) came from a receiver that is up.
  if (result.errorClass && result.errorClass !== 'rejected') {
    const signal = result.errorClass === 'blocked' || result.errorClass === 'template' ? 'none' : 'down';
    return { signal, detail: `${result.errorClass}${result.error ? `: ${result.error}` : ''}`.slice(0, 200) };
  }
  const status = result.status ?? 0;
  return { signal: status === 408 || status === 429 || status >= 500 ? 'down' : 'up', detail: `HTTP ${status}` };
}

/**
 * The circuit after some attempts' results, in order. Returns `c` itself when nothing changed
 * (the common case of successes on a closed circuit), so callers can skip the write.
 */
export function afterAttempts(c: Circuit, seen: Observation[], threshold: number, now: number): Circuit {
  let next = c;
  for (const o of seen) {
    if (o.signal === 'up') {
      if (next.state !== 'closed') next = { ...CLOSED, epoch: next.epoch + 1 };
      else if (next.failures) next = { ...next, failures: 0 };
    } else if (o.signal === 'down') {
      const failures = next.failures + 1;
      if (next.state === 'half_open') {
        next = { ...next, state: 'open', failures, openedAt: now, probeUntil: null, reason: `probe failed: ${o.detail}`, epoch: next.epoch + 1 };
      } else if (next.state === 'closed' && threshold > 0 && failures >= threshold) {
        next = { ...next, state: 'open', failures, openedAt: now, reason: `${failures} consecutive failed attempts; last: ${o.detail}`, epoch: next.epoch + 1 };
      } else {
        next = { ...next, failures };
      }
    }
  }
  return next;
}

export type Admission =
  | { kind: 'send' }
  /** Send one message now as the probe (`next` is the circuit to store: half_open with its lease). */
  | { kind: 'probe'; next: Circuit }
  /** Send nothing before `until` (the cool-down's end, or the probe's lease). */
  | { kind: 'wait'; until: number };

/** Whether messages may go now. `probeLeaseMs`: how long a probe may take before another may be sent. */
export function admit(c: Circuit, now: number, cooldownMs: number, probeLeaseMs: number): Admission {
  if (c.state === 'closed') return { kind: 'send' };
  if (c.state === 'open') {
    const until = (c.openedAt ?? now) + cooldownMs;
    if (now < until) return { kind: 'wait', until };
    return { kind: 'probe', next: { ...c, state: 'half_open', probeUntil: now + probeLeaseMs, epoch: c.epoch + 1 } };
  }
  if (c.probeUntil !== null && now < c.probeUntil) return { kind: 'wait', until: c.probeUntil };
  // The probe's sender is gone (or it never got its answer): the next message probes.
  return { kind: 'probe', next: { ...c, probeUntil: now + probeLeaseMs } };
}

/** Until when messages are held back (null: they may go). */
export function heldUntil(c: Circuit, cooldownMs: number, now: number): number | null {
  if (c.state === 'closed') return null;
  if (c.state === 'open') return (c.openedAt ?? now) + cooldownMs;
  return c.probeUntil ?? now;
}

/** A marketer closes it by hand. */
export function closedByHand(c: Circuit): Circuit {
  return c.state === 'closed' && !c.failures ? c : { ...CLOSED, epoch: c.epoch + 1 };
}

/** Waiting messages are spread over this long after the time they wait for, so they do not wake as one herd. */
export const WAKE_SPREAD_MS = 1_000;

/** The latest due time an open or half-open circuit may have given a waiting message: on closing, those are woken. */
export function waitingUntil(c: Circuit, cooldownMs: number): number {
  return Math.max((c.openedAt ?? 0) + cooldownMs, c.probeUntil ?? 0) + WAKE_SPREAD_MS;
}

/** What the webhook row keeps of it (the API shows the row). */
export interface CircuitColumns {
  circuitState: CircuitState;
  circuitFailures: number;
  circuitOpenedAt: Date | null;
  circuitReason: string | null;
  circuitEpoch: number;
}

export function toColumns(c: Circuit): CircuitColumns {
  return {
    circuitState: c.state,
    circuitFailures: c.failures,
    circuitOpenedAt: c.openedAt === null ? null : new Date(c.openedAt),
    circuitReason: c.reason?.slice(0, 500) ?? null,
    circuitEpoch: c.epoch,
  };
}

/**
 * The circuit in force: Redis's copy, unless it is missing (Redis lost its data: the row's copy
 * restores it) or older than the row's (the row was reset through the API, e.g. the breaker
 * turned off).
 */
export function currentCircuit(stored: Circuit | null, row: CircuitColumns): Circuit {
  if (stored && stored.epoch >= row.circuitEpoch) return stored;
  return {
    state: row.circuitState,
    failures: row.circuitFailures,
    openedAt: row.circuitOpenedAt?.getTime() ?? null,
    reason: row.circuitReason,
    probeUntil: null,
    epoch: row.circuitEpoch,
  };
}

/** The API's view. */
export function circuitView(row: CircuitColumns) {
  return { state: row.circuitState, openedAt: row.circuitOpenedAt, reason: row.circuitReason, failures: row.circuitFailures };
}
