import type { CustomerShape } from '../customers/customer-shape';
import type { JourneyRun } from './journey-run.entity';
import type { JourneyNode } from './nodes';
import type { RunCursor } from './run-cursor';
import { cursorAt, FIXTURE_NOW } from './testing/run-fixture';

const nodes = [
  { id: 'crm', type: 'webhook', webhookId: 5, next: 'pause' },
  { id: 'pause', type: 'wait', seconds: 60, next: 'check' },
  { id: 'check', type: 'condition', rule: { field: 'trigger.x', op: 'exists', value: true }, then: 'done' },
  { id: 'done', type: 'end' },
] as JourneyNode[];
const node = (id: string) => nodes.find((n) => n.id === id)!;
const t0 = FIXTURE_NOW;
const t1 = new Date('2030-01-01T00:01:00Z');

const customer: CustomerShape = {
  id: 9,
  tenantId: 1,
  name: 'Li Lei',
  wechatNickname: null,
  mobile: '+8613800138000',
  email: null,
  activityScore: 3,
  attributes: { city: 'Shanghai' },
  createdAt: t0,
  updatedAt: t0,
};

const cursor = (over: Partial<JourneyRun> = {}, who: CustomerShape | null = customer): RunCursor =>
  cursorAt(node('crm'), {
    nodes,
    customer: who,
    journeyName: 'Welcome',
    run: { id: 77, steps: 2, claimToken: 'token', context: { trigger: { x: 1 }, vars: { event: { id: 1 } }, nodes: {} }, ...over },
  });

describe('RunCursor', () => {
  it('starts from the run row: an active run is stepped, a waiting one is not', () => {
    const c = cursor();
    expect(c).toMatchObject({ status: 'active', nodeId: 'crm', steps: 2, running: true, keepsClaim: true });
    expect(c.currentNode()).toBe(nodes[0]);
    expect(cursor({ status: 'waiting' }).running).toBe(false);
  });

  it('gives templates every namespace of the run, and conditions the customer view (recomputed when the customer changes)', () => {
    const c = cursor();
    expect(c.templateContext()).toEqual({
      event: { id: 1 },
      trigger: { x: 1 },
      nodes: {},
      journey: { id: 3, name: 'Welcome', runId: '77', version: 1 },
    });
    expect(c.scope.customer).toMatchObject({ id: 9, name: 'Li Lei', firstName: expect.any(String), attributes: { city: 'Shanghai' } });
    c.customer = { ...customer, name: 'Han Meimei' };
    expect(c.scope.customer).toMatchObject({ name: 'Han Meimei' });
    expect(cursor({}, null).scope.customer).toBeNull();
  });

  it('logs finished steps as rows of the run and counts them', () => {
    const c = cursor();
    c.log(node('check'), 'then', t0, t0, { why: 1 });
    expect(c.steps).toBe(3);
    expect(c.newSteps).toEqual([
      {
        tenantId: 1,
        runId: 77,
        nodeId: 'check',
        nodeType: 'condition',
        outcome: 'then',
        startedAt: t0,
        finishedAt: t0,
        deliveryId: null,
        detail: { why: 1 },
      },
    ]);
  });

  it('advances to the successor (by branch), and completes when there is none', () => {
    const c = cursor();
    c.advance(node('crm'));
    expect(c).toMatchObject({ nodeId: 'pause', status: 'active', running: true, waitingDeliveryId: null });
    c.advance(node('check'), 'else');
    expect(c.nodeId).toBeNull();
    c.complete(t1);
    expect(c).toMatchObject({ status: 'completed', nodeId: null, dueAt: null, finishedAt: t1, running: false, keepsClaim: false });
  });

  it('fails with the error cut to 500 characters, staying at its node', () => {
    const c = cursor();
    c.fail('x'.repeat(600), t1);
    expect(c).toMatchObject({ status: 'failed', nodeId: 'crm', dueAt: null, finishedAt: t1, running: false });
    expect(c.error).toHaveLength(500);
  });

  it('waits for a time with an open step, logged once the wait ends', () => {
    const c = cursor({ nodeId: 'pause' });
    c.waitUntil(node('pause'), t1, t0);
    expect(c).toMatchObject({ status: 'waiting', nodeId: 'pause', dueAt: t1, running: false, steps: 3 });
    expect(c.openStep).toEqual({ nodeId: 'pause', nodeType: 'wait', startedAt: t0.toISOString(), deliveryId: null, detail: { until: t1.toISOString() } });
    expect(c.newSteps).toEqual([]);
    c.closeStep('done', t1, { late: false });
    expect(c.openStep).toBeNull();
    expect(c.newSteps).toEqual([
      {
        tenantId: 1,
        runId: 77,
        nodeId: 'pause',
        nodeType: 'wait',
        outcome: 'done',
        startedAt: t0,
        finishedAt: t1,
        deliveryId: null,
        detail: { until: t1.toISOString(), late: false },
      },
    ]);
    c.closeStep('done', t1);
    expect(c.newSteps).toHaveLength(1);
  });

  it('waits for a message with no due time; woken early it waits on', () => {
    const c = cursor();
    c.waitForDelivery(node('crm'), 'msg-1', t0, { webhookId: 5 });
    expect(c).toMatchObject({ status: 'waiting', dueAt: null, waitingDeliveryId: 'msg-1', running: false });
    expect(c.openStep).toMatchObject({ nodeId: 'crm', deliveryId: 'msg-1', detail: { webhookId: 5 } });
    c.keepWaiting();
    expect(c).toMatchObject({ status: 'waiting', dueAt: null, waitingDeliveryId: 'msg-1', running: false });
  });

  it('retries a node later: still active at it, released with a due time', () => {
    const c = cursor();
    c.retryAt(t1);
    expect(c).toMatchObject({ status: 'active', nodeId: 'crm', dueAt: t1, running: false, keepsClaim: false });
  });

  it('records a node result in the context and marks the context changed', () => {
    const c = cursor();
    expect(c.contextChanged).toBe(false);
    c.setNodeResult('crm', { outcome: 'delivered' });
    expect(c.context.nodes).toEqual({ crm: { outcome: 'delivered' } });
    expect(c.context.trigger).toEqual({ x: 1 });
    expect(c.contextChanged).toBe(true);
  });
});
