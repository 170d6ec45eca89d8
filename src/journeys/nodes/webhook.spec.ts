import type { JourneyRun } from '../journey-run.entity';
import { cursorAt, FIXTURE_NOW, problemsOf } from '../testing/run-fixture';
import type { EffectPorts } from './node-type';
import { responseForContext, RESPONSE_BODY_IN_CONTEXT, unusableWebhook, WebhookNode, webhookNode, webhookResult } from './webhook';

const now = FIXTURE_NOW;
const crm: WebhookNode = { id: 'crm', type: 'webhook', webhookId: 5, next: 'done' };

const runAt = (node: WebhookNode, over: Partial<JourneyRun> = {}) => cursorAt(node, { run: { id: 77, ...over } });

function ports(over: Partial<Record<keyof EffectPorts, unknown>> = {}) {
  const inc = jest.fn();
  return {
    inc,
    ports: {
      webhooks: { get: jest.fn().mockResolvedValue({ id: 5, enabled: true, triggerType: 'manual' }) },
      deliveries: { prepare: jest.fn(), render: jest.fn().mockReturnValue([{ id: 'm1', status: 'pending', lastError: null }]), store: jest.fn() },
      deliveryQueue: { enqueue: jest.fn() },
      outcomes: { settled: jest.fn() },
      customers: { applyChanges: jest.fn() },
      groups: { kinds: jest.fn(), add: jest.fn(), remove: jest.fn() },
      metrics: { journeySteps: { inc } },
      logger: { error: jest.fn(), warn: jest.fn() },
      ...over,
    } as unknown as EffectPorts,
  };
}

describe('webhook node: checks', () => {
  const problems = (node: Record<string, unknown>) => problemsOf(webhookNode, node, 'nodes[0]');

  it('wants a webhook id (required when left out) and continue or stop on failure', () => {
    expect(problems({ webhookId: 5, onFailure: 'continue' })).toEqual([]);
    expect(problems({})).toEqual([['nodes[0].webhookId', 'required']]);
    expect(problems({ webhookId: '5', onFailure: 'retry' })).toEqual([
      ['nodes[0].webhookId', 'is_int'],
      ['nodes[0].onFailure', 'is_in'],
    ]);
  });

  it('names its webhook for the reference check, and links on through next', () => {
    expect(webhookNode.references!(crm, 'nodes[2]')).toEqual([{ kind: 'manual_webhook', id: 5, path: 'nodes[2].webhookId' }]);
    expect(webhookNode.successor(crm)).toBe('done');
    expect(webhookNode.successor({ ...crm, next: undefined })).toBeNull();
  });
});

describe('webhook node: outcomes', () => {
  it('reads a JSON response body as JSON, text as text, and cuts a long one', () => {
    expect(responseForContext({ statusCode: 200, responseHeaders: { a: 'b' }, responseBody: '{"id":1}' })).toEqual({
      status: 200,
      headers: { a: 'b' },
      body: { id: 1 },
    });
    expect(responseForContext({ statusCode: 200, responseHeaders: null, responseBody: 'true story' })).toEqual({
      status: 200,
      headers: {},
      body: 'true story',
    });
    expect(responseForContext({ statusCode: 204, responseHeaders: null, responseBody: '' })!.body).toBeNull();
    expect(responseForContext({ statusCode: 200, responseHeaders: null, responseBody: 'x'.repeat(RESPONSE_BODY_IN_CONTEXT + 1) })).toMatchObject({
      truncated: true,
    });
    expect(responseForContext({ statusCode: null, responseHeaders: null, responseBody: null })).toBeNull();
    expect(responseForContext(undefined)).toBeNull();
  });

  it('says what nodes.<id> holds once the message settled', () => {
    expect(webhookResult('m1', { status: 'delivered', lastError: null }, undefined)).toEqual({ deliveryId: 'm1', outcome: 'delivered', response: null });
    expect(webhookResult('m1', { status: 'failed', lastError: 'HTTP 500' }, undefined)).toMatchObject({ outcome: 'failed', error: 'message failed: HTTP 500' });
  });

  it('tells why a webhook cannot be called from a journey', () => {
    expect(unusableWebhook(5, null)).toBe('webhook 5 was deleted');
    expect(unusableWebhook(5, { enabled: false, triggerType: 'manual' })).toBe('webhook 5 is disabled');
    expect(unusableWebhook(5, { enabled: true, triggerType: 'event' })).toBe('webhook 5 is not a manual webhook');
    expect(unusableWebhook(5, { enabled: true, triggerType: 'manual' })).toBeNull();
  });
});

describe('webhook node: effect', () => {
  it('renders the message for the commit and waits for it', async () => {
    const { ports: p } = ports();
    const run = runAt(crm);
    const row = await webhookNode.effect!.start(run, crm, p, now);
    expect(row).toMatchObject({ id: 'm1' });
    expect(p.deliveries.render).toHaveBeenCalledWith([expect.objectContaining({ source: 'journey', context: run.templateContext() })], now);
    expect(run).toMatchObject({ status: 'waiting', waitingDeliveryId: 'm1', openStep: { nodeId: 'crm', detail: { webhookId: 5 } } });
  });

  it('fails the node at once for a deleted webhook (a stop), or goes on (continue)', async () => {
    const { ports: p, inc } = ports({ webhooks: { get: jest.fn().mockResolvedValue(null) } });
    const stop = runAt(crm);
    expect(await webhookNode.effect!.start(stop, crm, p, now)).toBeUndefined();
    expect(stop).toMatchObject({ status: 'failed', error: 'webhook node crm: webhook 5 was deleted' });
    expect(stop.context.nodes.crm).toEqual({ deliveryId: null, outcome: 'failed', response: null, error: 'webhook 5 was deleted' });
    expect(inc).toHaveBeenCalledWith({ type: 'webhook', outcome: 'failed' });
    const go = runAt({ ...crm, onFailure: 'continue' });
    await webhookNode.effect!.start(go, { ...crm, onFailure: 'continue' }, p, now);
    expect(go).toMatchObject({ status: 'active', nodeId: 'done', running: true });
  });

  it('keeps a row that failed to render (for the log) and fails the node with its error', async () => {
    const { ports: p } = ports({
      deliveries: { prepare: jest.fn(), render: jest.fn().mockReturnValue([{ id: 'm2', status: 'failed', lastError: 'render_time' }]) },
    });
    const run = runAt(crm);
    expect(await webhookNode.effect!.start(run, crm, p, now)).toMatchObject({ id: 'm2' });
    expect(run.newSteps[0]).toMatchObject({ outcome: 'failed', deliveryId: 'm2', detail: { webhookId: 5, error: 'render_time' } });
  });

  it('retries later, not "deleted", when the webhook cannot be loaded', async () => {
    const { ports: p } = ports({ webhooks: { get: jest.fn().mockRejectedValue(new Error('connection lost')) } });
    const run = runAt(crm);
    expect(await webhookNode.effect!.start(run, crm, p, now)).toBeUndefined();
    expect(run).toMatchObject({ status: 'active', nodeId: 'crm', running: false, error: null });
    expect(run.dueAt!.getTime()).toBeGreaterThanOrEqual(now.getTime() + 5_000);
    expect(p.logger.error).toHaveBeenCalledWith(expect.stringContaining('could not be loaded (connection lost)'));
  });

  it('resumes runs whose message settled, and lets the others wait on', async () => {
    const settled = jest.fn().mockResolvedValue({
      messages: new Map([
        ['m1', { id: 'm1', status: 'delivered', lastError: null }],
        ['m2', { id: 'm2', status: 'sending', lastError: null }],
      ]),
      responses: new Map([['m1', { statusCode: 200, responseHeaders: {}, responseBody: '{"ok":true}' }]]),
    });
    const { ports: p } = ports({ outcomes: { settled } });
    const open = { nodeId: 'crm', nodeType: 'webhook', startedAt: now.toISOString(), deliveryId: null, detail: { webhookId: 5 } };
    const done = runAt(crm, { status: 'waiting', waitingDeliveryId: 'm1', openStep: { ...open, deliveryId: 'm1' } });
    const early = runAt(crm, { status: 'waiting', waitingDeliveryId: 'm2', openStep: { ...open, deliveryId: 'm2' } });
    await webhookNode.effect!.resume!(
      [
        { run: done, node: crm },
        { run: early, node: crm },
      ],
      p,
      now,
    );
    expect(settled).toHaveBeenCalledWith(['m1', 'm2']);
    expect(done).toMatchObject({ status: 'active', nodeId: 'done', running: true });
    expect(done.context.nodes.crm).toMatchObject({ outcome: 'delivered', response: { status: 200, body: { ok: true } } });
    expect(done.newSteps[0]).toMatchObject({ outcome: 'delivered', deliveryId: 'm1' });
    expect(early).toMatchObject({ status: 'waiting', running: false, waitingDeliveryId: 'm2' });
  });

  it('stores the messages of the held runs in the round, and enqueues the sendable ones after', async () => {
    const { ports: p } = ports();
    const pending = { id: 'm1', status: 'pending' };
    const failed = { id: 'm2', status: 'failed' };
    const work = [
      { run: runAt(crm), node: crm, work: pending },
      { run: runAt(crm), node: crm, work: failed },
    ] as never;
    await webhookNode.effect!.commit!({} as never, work, p, now);
    expect(p.deliveries.store).toHaveBeenCalledWith({}, [pending, failed]);
    await webhookNode.effect!.committed!(work, p);
    expect(p.deliveryQueue.enqueue).toHaveBeenCalledWith([pending], { batch: true });
  });
});
