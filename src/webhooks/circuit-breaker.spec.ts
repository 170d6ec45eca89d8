import {
  admit,
  afterAttempts,
  Circuit,
  CLOSED,
  closedByHand,
  currentCircuit,
  heldUntil,
  observation,
  Observation,
  toColumns,
  waitingUntil,
  WAKE_SPREAD_MS,
} from './circuit-breaker';

const down: Observation = { signal: 'down', detail: 'HTTP 503' };
const up: Observation = { signal: 'up', detail: 'HTTP 200' };
const none: Observation = { signal: 'none', detail: 'blocked' };
const times = (n: number, o: Observation) => Array.from({ length: n }, () => o);
const open = (at = 1_000): Circuit => afterAttempts(CLOSED, times(3, down), 3, at);

describe('circuit breaker', () => {
  it.each([
    [{ status: 200 }, 'up'],
    [{ status: 204 }, 'up'],
    [{ status: 302 }, 'up'],
    [{ status: 400 }, 'up'],
    [{ status: 404 }, 'up'],
    [{ status: 410 }, 'up'],
    [{ status: 408 }, 'down'],
    [{ status: 429 }, 'down'],
    [{ status: 500 }, 'down'],
    [{ status: 503 }, 'down'],
    [{ errorClass: 'timeout' }, 'down'],
    [{ errorClass: 'refused' }, 'down'],
    [{ errorClass: 'tls' }, 'down'],
    [{ errorClass: 'blocked' }, 'none'],
    [{ errorClass: 'template' }, 'none'],
  ])('%j says the receiver is %s', (result, signal) => {
    expect(observation(result).signal).toBe(signal);
  });

  it('describes the failure for the reason', () => {
    expect(observation({ status: 503 }).detail).toBe('HTTP 503');
    expect(observation({ errorClass: 'timeout', error: 'no complete answer within 1000 ms' }).detail).toBe('timeout: no complete answer within 1000 ms');
  });

  it('opens after `threshold` consecutive failures, not before', () => {
    expect(afterAttempts(CLOSED, times(2, down), 3, 1_000)).toMatchObject({ state: 'closed', failures: 2, epoch: 0 });
    expect(open(1_000)).toEqual({
      state: 'open',
      failures: 3,
      openedAt: 1_000,
      reason: '3 consecutive failed attempts; last: HTTP 503',
      probeUntil: null,
      epoch: 1,
    });
  });

  it('an answer resets the count; our own refusals do not count either way', () => {
    expect(afterAttempts(CLOSED, [down, down, up, down, down], 3, 0)).toMatchObject({ state: 'closed', failures: 2 });
    expect(afterAttempts(CLOSED, [down, none, down, none, down], 3, 0)).toMatchObject({ state: 'open', failures: 3 });
  });

  it('returns the same circuit when nothing changed (no write needed)', () => {
    expect(afterAttempts(CLOSED, [up, up, none], 3, 0)).toBe(CLOSED);
  });

  it('threshold 0 never opens', () => {
    expect(afterAttempts(CLOSED, times(100, down), 0, 0)).toMatchObject({ state: 'closed', failures: 100 });
  });

  it('while open, messages wait for the cool-down; then one probe goes, the others wait for its lease', () => {
    const c = open(1_000);
    expect(admit(c, 1_500, 1_000, 5_000)).toEqual({ kind: 'wait', until: 2_000 });
    const probe = admit(c, 2_000, 1_000, 5_000);
    expect(probe).toEqual({ kind: 'probe', next: { ...c, state: 'half_open', probeUntil: 7_000, epoch: 2 } });
    const half = (probe as { next: Circuit }).next;
    expect(admit(half, 2_001, 1_000, 5_000)).toEqual({ kind: 'wait', until: 7_000 });
    // A probe that never reported back: after its lease another message probes.
    expect(admit(half, 7_000, 1_000, 5_000)).toEqual({ kind: 'probe', next: { ...half, probeUntil: 12_000 } });
    expect(admit(CLOSED, 0, 1_000, 5_000)).toEqual({ kind: 'send' });
  });

  it('a probe that succeeds closes it; one that fails opens it for another cool-down', () => {
    const half = (admit(open(1_000), 2_000, 1_000, 5_000) as { next: Circuit }).next;
    expect(afterAttempts(half, [up], 3, 2_100)).toEqual({ ...CLOSED, epoch: 3 });
    expect(afterAttempts(half, [down], 3, 2_100)).toMatchObject({
      state: 'open',
      openedAt: 2_100,
      reason: 'probe failed: HTTP 503',
      probeUntil: null,
      epoch: 3,
    });
  });

  it('a success while open (an attempt already on the wire) closes it', () => {
    expect(afterAttempts(open(), [up], 3, 2_000)).toEqual({ ...CLOSED, epoch: 2 });
    expect(afterAttempts(open(), [down], 3, 2_000)).toMatchObject({ state: 'open', failures: 4, epoch: 1, openedAt: 1_000 });
  });

  it('says until when messages are held back', () => {
    const half = (admit(open(1_000), 2_000, 1_000, 5_000) as { next: Circuit }).next;
    expect(heldUntil(CLOSED, 1_000, 0)).toBeNull();
    expect(heldUntil(open(1_000), 1_000, 1_500)).toBe(2_000);
    expect(heldUntil(half, 1_000, 2_500)).toBe(7_000);
  });

  it('closes by hand', () => {
    expect(closedByHand(open())).toEqual({ ...CLOSED, epoch: 2 });
    expect(closedByHand(CLOSED)).toBe(CLOSED);
  });

  it('wakes, on closing, every message it may have made wait', () => {
    const half = (admit(open(1_000), 2_000, 1_000, 5_000) as { next: Circuit }).next;
    expect(waitingUntil(open(1_000), 1_000)).toBe(2_000 + WAKE_SPREAD_MS);
    expect(waitingUntil(half, 1_000)).toBe(7_000 + WAKE_SPREAD_MS);
  });

  it('restores from the row when Redis lost it, and lets a newer row win', () => {
    const c = open(1_000);
    const row = toColumns(c);
    expect(row).toEqual({ circuitState: 'open', circuitFailures: 3, circuitOpenedAt: new Date(1_000), circuitReason: c.reason, circuitEpoch: 1 });
    expect(currentCircuit(null, row)).toEqual(c);
    expect(currentCircuit(c, toColumns(CLOSED))).toBe(c);
    const reset = toColumns({ ...CLOSED, epoch: 2 });
    expect(currentCircuit(c, reset)).toEqual({ ...CLOSED, epoch: 2 });
  });
});
