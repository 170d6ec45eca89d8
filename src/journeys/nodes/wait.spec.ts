import type { JourneyRun } from '../journey-run.entity';
import { cursorAt, FIXTURE_NOW, problemsOf } from '../testing/run-fixture';
import type { EffectPorts } from './node-type';
import { waitEnd, WaitNode, waitNode } from './wait';

const now = FIXTURE_NOW;
const pause: WaitNode = { id: 'pause', type: 'wait', seconds: 600, next: 'done' };
const ports = {} as EffectPorts;

const runAt = (node: WaitNode, over: Partial<JourneyRun> = {}) => cursorAt(node, { run: over });

const problems = (node: Record<string, unknown>) => problemsOf(waitNode, node, 'nodes[1]');

describe('wait node', () => {
  it('takes exactly one of seconds (1 s to a year) or until (ISO-8601 with a zone)', () => {
    expect(problems({ seconds: 1 })).toEqual([]);
    expect(problems({ until: '2030-01-01T08:00:00+08:00' })).toEqual([]);
    expect(problems({})).toEqual([['nodes[1]', 'wait_one_of']]);
    expect(problems({ seconds: 5, until: '2030-01-01T00:00:00Z' })).toEqual([['nodes[1]', 'wait_one_of']]);
    expect(problems({ seconds: 0 })).toEqual([['nodes[1].seconds', 'is_int']]);
    expect(problems({ seconds: 366 * 86_400 + 1 })).toEqual([['nodes[1].seconds', 'is_int']]);
    expect(problems({ until: '2030-01-01 00:00' })).toEqual([['nodes[1].until', 'is_date_string']]);
  });

  it('pauses: it may link to itself, and a loop through it does not spin', () => {
    expect(waitNode.pauses).toBe(true);
    expect(waitNode.successor(pause)).toBe('done');
  });

  it('ends after its seconds, or at until (at once when until has passed)', () => {
    expect(waitEnd(pause, now)).toEqual(new Date('2030-01-01T00:10:00Z'));
    expect(waitEnd({ id: 'w', type: 'wait', until: '2030-01-02T00:00:00Z' }, now)).toEqual(new Date('2030-01-02T00:00:00Z'));
    expect(waitEnd({ id: 'w', type: 'wait', until: '2020-01-01T00:00:00Z' }, now)).toEqual(now);
  });

  it('makes the run wait with an open step; resumed, the step is logged and the run goes on', async () => {
    const run = runAt(pause);
    expect(await waitNode.effect!.start(run, pause, ports, now)).toBeUndefined();
    expect(run).toMatchObject({ status: 'waiting', nodeId: 'pause', dueAt: new Date('2030-01-01T00:10:00Z'), running: false });
    const later = new Date('2030-01-01T00:10:01Z');
    await waitNode.effect!.resume!([{ run, node: pause }], ports, later);
    expect(run).toMatchObject({ status: 'active', nodeId: 'done', running: true });
    expect(run.newSteps).toEqual([expect.objectContaining({ nodeId: 'pause', outcome: 'done', startedAt: now, finishedAt: later })]);
  });

  it('is done at once when until has already passed', async () => {
    const past: WaitNode = { id: 'pause', type: 'wait', until: '2020-01-01T00:00:00Z', next: 'done' };
    const run = runAt(past);
    await waitNode.effect!.start(run, past, ports, now);
    expect(run).toMatchObject({ status: 'active', nodeId: 'done', running: true });
    expect(run.newSteps).toEqual([expect.objectContaining({ outcome: 'done', detail: { until: now.toISOString() } })]);
  });
});
