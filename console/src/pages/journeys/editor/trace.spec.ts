/// <reference types="jest" />
import type { RunStep } from '../../../lib/models';
import { traceOf } from './trace';

const step = (nodeId: string, outcome: string, type = 'wait'): RunStep =>
  ({ nodeId, type, outcome, startedAt: '', finishedAt: null, deliveryId: null, delivery: null, detail: null }) as unknown as RunStep;

describe('traceOf', () => {
  it('marks each node by its steps and lists the edges the run took, a condition by its branch', () => {
    const trace = traceOf({ stepLog: [step('pause', 'done'), step('city', 'then', 'condition'), step('crm', 'failed', 'webhook')] });
    expect([...trace.edges]).toEqual(['@trigger:start', 'pause:next', 'city:then']);
    expect(trace.nodes.get('city')).toMatchObject({ state: 'passed', branch: 'then' });
    expect(trace.nodes.get('crm')?.state).toBe('failed');
    expect(trace.nodes.has('skip')).toBe(false);
  });

  it("takes a split's edge by the branch its step names", () => {
    const split = { ...step('ab', 'done', 'split'), detail: { branch: 1, label: 'B', percent: 50, bucket: 73 } } as RunStep;
    expect([...traceOf({ stepLog: [split, step('end_b', 'done', 'end')] }).edges]).toEqual(['@trigger:start', 'ab:b1']);
  });

  it('a node the run waits in is waiting; no steps, no edges', () => {
    expect(traceOf({ stepLog: [step('pause', 'waiting')] }).nodes.get('pause')?.state).toBe('waiting');
    expect(traceOf({ stepLog: [] }).edges.size).toBe(0);
  });
});
