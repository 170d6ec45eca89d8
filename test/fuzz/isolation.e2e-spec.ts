/**
 * Tenant isolation on every resource type, driven by the OpenAPI document: for every operation
 * with an `{id}`-like path parameter (a new endpoint is covered without anyone listing it here),
 * tenant B — with its API key, and with a console session — reads, changes, deletes, sends and
 * retries tenant A's ids, and gets 404 every time: never 2xx, never 403, nothing that tells the
 * row exists. B's body references to A's ids are refused too, B's list filters by A's ids find
 * nothing, and A's rows are exactly as they were afterwards.
 */
import { Receiver } from '../support/receiver';
import { until } from '../support/until';
import { fill, Operation, operations } from './support/openapi';
import { Deployment } from './support/deployment';
import { changes, Fingerprinter } from './support/fingerprint';
import { seedFor } from './support/seeds';
import { buildWorld, World } from './support/world';
import { validParams } from './support/cases';

/** Public routes whose parameter is a capability key, not a tenant's id. */
const PUBLIC = (op: Operation) => op.path.startsWith('/f/') || op.path.startsWith('/hooks/') || op.path.startsWith('/u/');

describe('tenant isolation on every resource type', () => {
  let d: Deployment;
  let receiver: Receiver;
  let a: World;
  let b: World;
  let ops: Operation[];
  let aPrint: Fingerprinter;
  let bCookie: string;

  beforeAll(async () => {
    receiver = await Receiver.start();
    d = await Deployment.start({ worker: true });
    a = await buildWorld(d.http, { receiverUrl: receiver.url(''), name: 'A', mobilePrefix: '13600', withWorker: true });
    b = await buildWorld(d.http, { receiverUrl: receiver.url(''), name: 'B', mobilePrefix: '13500', withWorker: true });
    ops = operations(await d.http.ok('GET', '/api/docs/openapi.json'));
    const login = await d.http.json('POST', '/api/auth/login', { email: b.extra.consoleEmail, password: b.extra.consolePassword });
    bCookie = String(login.headers['set-cookie']?.[0] ?? '').split(';')[0];
    expect(bCookie).toMatch(/^herald_session=./);
    aPrint = await Fingerprinter.create(d, a.tenantId);
  }, 180_000);

  afterAll(async () => {
    await d?.close();
    await receiver?.close();
  });

  /** A's rows, once the worker is done with what the world set going (journey runs, counters, the relay). */
  async function settledA() {
    let last = await aPrint.take();
    return until(
      async () => {
        await new Promise((r) => setTimeout(r, 700));
        const now = await aPrint.take();
        const same = changes(last, now).length === 0;
        last = now;
        return same ? now : null;
      },
      (v) => v !== null,
      60_000,
      "tenant A's rows to settle",
    );
  }

  it("every {id} operation of the document answers 404 to B for A's ids, with B's key and with B's session", async () => {
    const before = (await settledA())!;
    const targeted = ops.filter((op) => op.pathParams.length && !PUBLIC(op));
    expect(targeted.length).toBeGreaterThan(45);
    const answers: string[] = [];
    for (const op of targeted) {
      // The body is B's own valid request: the only foreign thing is the id in the path.
      const seed = seedFor(op, b, receiver.url(''));
      const path = fill(op.path, validParams(op, a)) + (seed.query ? `?${new URLSearchParams(seed.query)}` : '');
      for (const [how, headers] of [
        ['key', { Authorization: `Bearer ${b.key}` }],
        ['session', { Cookie: bCookie }],
      ] as const) {
        const send = (body: unknown) =>
          d.http.send({
            method: op.method,
            path,
            headers: { ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
            body: body === undefined ? undefined : JSON.stringify(body),
          });
        let res = await send(seed.body);
        // A seed generated from the document may be refused for its shape (the fuzz summary lists
        // those): then B's hand-written one.
        if (res.status === 400 && seed.fallback) res = await send(seed.fallback.body);
        answers.push(`${op.id} (${how}) → ${res.status}${res.status === 404 ? '' : ` ${res.text.slice(0, 300)}`}`);
        // A 404 says nothing about A: no name, no field of the row.
        if (res.status === 404) for (const secret of [a.secrets.webhookSecret, 'A CRM', 'A 客户']) expect(res.text).not.toContain(secret);
      }
    }
    expect(answers.filter((x) => !x.endsWith('→ 404'))).toEqual([]);
    expect(changes(before, await aPrint.take())).toEqual([]);
  }, 180_000);

  it("B's bodies naming A's ids are refused (400 or 404), and change nothing of A's", async () => {
    const before = (await settledA())!;
    const A = (k: string) => Number(a.ids[k]);
    const B = (k: string) => Number(b.ids[k]);
    const cases: [string, string, unknown][] = [
      ['POST', '/api/broadcasts', { webhookId: A('/api/webhooks'), groupId: B('/api/groups') }],
      ['POST', '/api/broadcasts', { webhookId: B('/api/webhooks'), groupId: A('/api/groups') }],
      ['POST', `/api/webhooks/${B('/api/webhooks')}/test`, { customerId: a.extra.customerIds[0] }],
      ['POST', `/api/webhooks/${B('/api/webhooks')}/preview`, { customerId: a.extra.customerIds[0] }],
      ['POST', '/api/loyalty/memberships', { customerId: a.extra.customerIds[2] }],
      ['POST', '/api/loyalty/memberships', { groupId: A('/api/groups') }],
      ['POST', '/api/loyalty/memberships', { customerId: b.extra.customerIds[2], levelId: a.extra.levelIds[0] }],
      ['PATCH', `/api/loyalty/memberships/${B('/api/loyalty/memberships')}`, { levelId: a.extra.levelIds[1] }],
      ['POST', `/api/loyalty/coupons/${B('/api/loyalty/coupons')}/draw`, { membershipId: a.extra.membershipIds[1] }],
      ['POST', `/api/loyalty/coupons/${B('/api/loyalty/coupons')}/dispatch`, { groupId: A('/api/groups') }],
      ['POST', '/api/forms', { name: 'x', fields: [{ name: 'n', label: 'n', type: 'text' }], webhookIds: [A('/api/webhooks')] }],
      ['POST', '/api/inbound-triggers', { name: 'x', journeyId: A('/api/journeys') }],
      ['POST', '/api/journeys', { name: 'x', trigger: { type: 'form_submitted', formId: A('/api/forms') }, start: 'e', nodes: [{ id: 'e', type: 'end' }] }],
      ['POST', '/api/journeys', { name: 'x', trigger: { type: 'group_entry', groupId: A('/api/groups') }, start: 'e', nodes: [{ id: 'e', type: 'end' }] }],
      ['POST', '/api/journeys', { name: 'x', trigger: { type: 'inbound' }, start: 'w', nodes: [{ id: 'w', type: 'webhook', webhookId: A('/api/webhooks') }] }],
      [
        'POST',
        '/api/journeys',
        { name: 'x', trigger: { type: 'inbound' }, start: 'u', nodes: [{ id: 'u', type: 'update_customer', addToGroupId: A('/api/groups') }] },
      ],
      [
        'POST',
        '/api/events',
        {
          tenantId: a.tenantId,
          event: 'loyalty/membership_level_up',
          membershipId: String(a.extra.membershipIds[0]),
          date: '2026-11-23T10:00:00.000Z',
          oldLevelId: 1,
          newLevelId: 2,
          oldLevel: 'x',
          newLevel: 'y',
        },
      ],
    ];
    const answers: string[] = [];
    for (const [method, path, body] of cases) {
      const res = await d.http.json(method, path, body, b.key);
      answers.push(
        `${method} ${path} ${JSON.stringify(body).slice(0, 120)} → ${res.status}${[400, 404].includes(res.status) ? '' : ` ${res.text.slice(0, 300)}`}`,
      );
    }
    expect(answers.filter((x) => !/→ (400|404)$/.test(x))).toEqual([]);
    // Bulk calls report per id instead of failing whole: A's membership is "not found" for B.
    const dispatch = await d.http.ok(
      'POST',
      `/api/loyalty/coupons/${B('/api/loyalty/coupons')}/dispatch`,
      { membershipIds: [a.extra.membershipIds[1]] },
      b.key,
    );
    expect(dispatch).toMatchObject({ dispatched: 0, notFound: [a.extra.membershipIds[1]] });
    // ... exactly as for an id that exists nowhere: nothing tells A's apart.
    for (const path of ['members', 'members/remove']) {
      const foreign = await d.http.json('POST', `/api/groups/${B('/api/groups')}/${path}`, { customerIds: [a.extra.customerIds[0]] }, b.key);
      const nowhere = await d.http.json('POST', `/api/groups/${B('/api/groups')}/${path}`, { customerIds: [99_999_999] }, b.key);
      expect(`${path}: ${foreign.status} ${foreign.text.replace(String(a.extra.customerIds[0]), 'ID')}`).toBe(
        `${path}: ${nowhere.status} ${nowhere.text.replace('99999999', 'ID')}`,
      );
    }
    const nowhere = await d.http.ok('POST', `/api/loyalty/coupons/${B('/api/loyalty/coupons')}/dispatch`, { membershipIds: [99_999_999] }, b.key);
    expect({ ...dispatch, batchId: null, notFound: null }).toEqual({ ...nowhere, batchId: null, notFound: null });
    expect(changes(before, await aPrint.take())).toEqual([]);
  });

  it("B's list filters by A's ids find nothing of A's", async () => {
    const answers: string[] = [];
    const A = (k: string) => a.ids[k];
    const lists: [string, Record<string, string>][] = [
      ['/api/deliveries', { webhookId: A('/api/webhooks') }],
      ['/api/deliveries', { customerId: String(a.extra.customerIds[0]) }],
      ['/api/deliveries', { broadcastId: A('/api/broadcasts') }],
      ['/api/broadcasts', { webhookId: A('/api/webhooks') }],
      ['/api/loyalty/memberships', { customerId: String(a.extra.customerIds[0]) }],
      ['/api/loyalty/memberships', { levelId: String(a.extra.levelIds[0]) }],
      [`/api/journeys/${b.ids['/api/journeys']}/runs`, { customerId: String(a.extra.customerIds[0]) }],
      ['/api/customers', { q: 'A 客户' }],
      ['/api/customers', { q: '13600' }],
      ['/api/events', { type: 'loyalty/membership_level_up' }],
    ];
    for (const [path, query] of lists) {
      const res = await d.http.ok('GET', `${path}?${new URLSearchParams(query)}`, undefined, b.key);
      const items = Array.isArray(res) ? res : res.items;
      const foreign =
        JSON.stringify(items)
          .match(/"tenantId":(\d+)/g)
          ?.filter((m) => m !== `"tenantId":${b.tenantId}`) ?? [];
      if (path !== '/api/events' && items.length) answers.push(`${path}?${new URLSearchParams(query)} → ${items.length} items`);
      if (foreign.length || JSON.stringify(items).includes('A 客户')) answers.push(`${path} shows A's rows`);
    }
    expect(answers).toEqual([]);
  });

  it('A still sees and uses everything it had', async () => {
    for (const [collection, id] of Object.entries(a.ids)) {
      if (collection.startsWith('/f') || collection.startsWith('/hooks') || collection.startsWith('/u') || collection === '/api/loyalty/codes') continue;
      const gettable = ops.some((op) => op.method === 'GET' && op.path === `${collection}/{id}`);
      if (!gettable) continue;
      const res = await d.http.json('GET', `${collection}/${id}`, undefined, a.key);
      expect(`${collection}/${id} → ${res.status}`).toBe(`${collection}/${id} → 200`);
    }
  });
});
