import { JourneyGraph, MAX_RUN_STEPS, readField, Scope } from './journey-interpreter';
import type { JourneyNode } from './nodes';

const scope = (customer: Record<string, unknown> | null = null, nodes: Record<string, unknown> = {}): Scope => ({
  customer,
  context: { trigger: { amount: 120 }, vars: {}, nodes },
});
const at = new Date('2030-01-01T00:00:00Z');

/** known? → (city = Shanghai) crm : end; crm → tag → wait → end */
const graph = () =>
  new JourneyGraph({
    nodes: [
      { id: 'known', type: 'condition', rule: { field: 'customer.attributes.city', op: '=', value: 'Shanghai' }, then: 'crm', else: 'done' },
      { id: 'crm', type: 'webhook', webhookId: 1, next: 'tag' },
      { id: 'tag', type: 'update_customer', activityDelta: 1, next: 'pause' },
      { id: 'pause', type: 'wait', seconds: 60, next: 'done' },
      { id: 'done', type: 'end' },
    ] as JourneyNode[],
  });

describe('JourneyGraph.walk', () => {
  it('decides conditions in memory and halts at the first node with an effect', () => {
    const walk = graph().walk('known', scope({ attributes: { city: 'Shanghai' } }), 0, at, 'r1');
    expect(walk.steps.map((s) => [s.node.id, s.outcome])).toEqual([['known', 'then']]);
    expect(walk.nodeId).toBe('crm');
    expect(walk.halt).toEqual({ kind: 'effect', node: expect.objectContaining({ id: 'crm', type: 'webhook' }) });
  });

  it('takes else when the rule does not hold, and an end completes the run', () => {
    const walk = graph().walk('known', scope({ attributes: { city: 'Beijing' } }), 0, at, 'r1');
    expect(walk.steps.map((s) => [s.node.id, s.outcome, s.at])).toEqual([
      ['known', 'else', at],
      ['done', 'done', at],
    ]);
    expect(walk).toMatchObject({ nodeId: null, halt: { kind: 'completed' } });
  });

  it('reads a run without a customer as a customer without fields (else)', () => {
    expect(graph().walk('known', scope(null), 0, at, 'r1').steps[0].outcome).toBe('else');
  });

  it.each(['tag', 'pause'])('halts at %s (an effect) without a step of its own', (id) => {
    const walk = graph().walk(id, scope(), 0, at, 'r1');
    expect(walk).toMatchObject({ steps: [], nodeId: id, halt: { kind: 'effect', node: { id } } });
  });

  it('completes at once from no node, and a missing branch ends the run', () => {
    expect(graph().walk(null, scope(), 0, at, 'r1')).toEqual({ steps: [], nodeId: null, halt: { kind: 'completed' } });
    const g = new JourneyGraph({ nodes: [{ id: 'c', type: 'condition', rule: { field: 'trigger.amount', op: '>', value: 100 }, else: 'x' }] as JourneyNode[] });
    expect(g.walk('c', scope(), 0, at, 'r1')).toMatchObject({ nodeId: null, halt: { kind: 'completed' }, steps: [{ outcome: 'then' }] });
  });

  it('fails on a node that is not in the version, or of a type that does not exist', () => {
    expect(graph().walk('ghost', scope(), 0, at, 'r1').halt).toEqual({ kind: 'failed', error: 'node ghost is not in this version' });
    const g = new JourneyGraph({ nodes: [{ id: 's', type: 'sms' }] as unknown as JourneyNode[] });
    expect(g.walk('s', scope(), 0, at, 'r1').halt).toEqual({ kind: 'failed', error: 'node s has an unknown type (sms)' });
  });

  it('stops a run at its step budget', () => {
    const walk = graph().walk('known', scope({ attributes: { city: 'Beijing' } }), MAX_RUN_STEPS - 1, at, 'r1');
    expect(walk.steps).toHaveLength(1);
    expect(walk).toMatchObject({ nodeId: 'done', halt: { kind: 'failed', error: `stopped after ${MAX_RUN_STEPS} steps (a loop?)` } });
  });
});

describe('readField', () => {
  const s = scope(
    { activityScore: 510, name: 'Li', attributes: { city: 'Shanghai', tier: { level: 2 } } },
    { crm: { response: { status: 200, body: { id: 'x1' } } } },
  );

  it('reads customer columns and attributes with their kinds', () => {
    expect(readField('customer.activityScore', s)).toEqual({ kind: 'number', value: 510 });
    expect(readField('customer.attributes.tier.level', s)).toEqual({ kind: 'attribute', value: 2 });
    expect(readField('customer.name', scope(null)).value).toBeUndefined();
  });

  it('reads the trigger and earlier nodes as attributes', () => {
    expect(readField('trigger.amount', s)).toEqual({ kind: 'attribute', value: 120 });
    expect(readField('nodes.crm.response.body.id', s)).toEqual({ kind: 'attribute', value: 'x1' });
    expect(readField('nodes.other.response.status', s).value).toBeUndefined();
  });
});
