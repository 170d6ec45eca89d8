/**
 * An integrator's view of the contract: a client generated from docs/openapi.json (openapi-typescript's
 * `paths` + openapi-fetch, as anyone would generate it) runs the DM Hub flow against the real api and
 * worker — webhook → customers → static group → test send → mass send → poll to done → messages with
 * their responses — and type-checks with no casts (npm test's `tsc` covers this file; the last test
 * reads this file and fails on a cast).
 */
import type { INestApplicationContext } from '@nestjs/common';
import { readFileSync } from 'fs';
import createClient from 'openapi-fetch';
import type { paths } from '../console/src/api/schema';
import { Receiver } from './support/receiver';
import { createTenant, createTestApp, createTestWorker, TestApp } from './support/test-app';
import { until } from './support/until';

/** The answer's data, or a failure naming the API's error code and message. */
function ok<T>(answer: { data?: T; error?: { code: string; message: string }; response: Response }): T {
  if (answer.data === undefined) {
    throw new Error(`${answer.response.status} ${answer.error?.code}: ${answer.error?.message}`);
  }
  return answer.data;
}

describe('a client generated from the OpenAPI document', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let receiver: Receiver;
  let client: ReturnType<typeof createClient<paths>>;

  beforeAll(async () => {
    t = await createTestApp();
    worker = await createTestWorker(t.env);
    receiver = await Receiver.start();
    receiver.on('/dmhub', () => ({ status: 200, body: JSON.stringify({ received: true }) }));
    const tenant = await createTenant(t, 'Typed client');
    const baseUrl = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    client = createClient<paths>({ baseUrl, headers: tenant.auth });
  });

  afterAll(async () => {
    await worker?.close();
    await receiver?.close();
    await t?.close();
  });

  it('runs the DM Hub flow with typed requests and answers', async () => {
    const webhook = ok(
      await client.POST('/api/webhooks', {
        body: {
          name: 'DM Hub coupon push',
          url: receiver.url('/dmhub'),
          secret: 'typed-client-secret',
          bodyTemplate: { customer: '{{ customer.name }}', mobile: '{{ customer.mobile }}' },
        },
      }),
    );
    expect(webhook.secret).not.toContain('typed-client-secret');
    expect(webhook.signatureScheme).toBe('dmhub');

    const ids: number[] = [];
    for (const [name, mobile] of [
      ['王芳', '13800000001'],
      ['李雷', '13800000002'],
      ['韩梅梅', '13800000003'],
    ]) {
      const customer = ok(await client.POST('/api/customers', { body: { name, mobile } }));
      ids.push(customer.id);
    }
    const group = ok(await client.POST('/api/groups', { body: { name: 'VIP', type: 'static' } }));
    ok(await client.POST('/api/groups/{id}/members', { params: { path: { id: group.id } }, body: { customerIds: ids } }));

    const test = ok(await client.POST('/api/webhooks/{id}/test', { params: { path: { id: webhook.id } }, body: { customerId: ids[0] } }));
    expect(test.status).toBe('delivered');
    expect(test.response?.status).toBe(200);

    const broadcast = ok(await client.POST('/api/broadcasts', { body: { name: 'VIP push', webhookId: webhook.id, groupId: group.id } }));
    const done = await until(
      async () => ok(await client.GET('/api/broadcasts/{id}', { params: { path: { id: broadcast.id } } })),
      (b) => b.status === 'completed' || b.status === 'completed_with_failures',
      30_000,
      'the mass send to finish',
    );
    expect(done.status).toBe('completed');
    expect(done.delivered).toBe(3);

    const messages = ok(await client.GET('/api/broadcasts/{id}/deliveries', { params: { path: { id: broadcast.id }, query: { limit: 10 } } }));
    expect(messages.items).toHaveLength(3);
    expect(messages.nextCursor).toBeNull();
    const detail = ok(await client.GET('/api/deliveries/{id}', { params: { path: { id: messages.items[0].id } } }));
    const last = detail.attemptLog[detail.attemptLog.length - 1];
    expect(last.response?.status).toBe(200);
    expect(last.response?.body).toBe(JSON.stringify({ received: true }));
    const pushed = receiver.requests.filter((r) => r.path === '/dmhub');
    expect(pushed).toHaveLength(4);
    expect(pushed.every((r) => typeof r.headers['x-clab-hmac-signature'] === 'string')).toBe(true);
  });

  it('reads an error answer by its code', async () => {
    const answer = await client.GET('/api/webhooks/{id}', { params: { path: { id: 2_000_000_000 } } });
    expect(answer.response.status).toBe(404);
    expect(answer.error?.code).toBe('webhook_not_found');
    expect(answer.error?.params).toEqual({ id: 2_000_000_000 });
  });

  it('needs no casts: the flow above is typed from the document alone', () => {
    const source = readFileSync(__filename, 'utf8');
    const code = source
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '')
      .replace(/'[^']*'/g, "''");
    expect(code.match(/\bas\s+[A-Za-z{[(]|<[A-Za-z]+>\s*\w|\bany\b|!\./g) ?? []).toEqual([]);
  });
});
