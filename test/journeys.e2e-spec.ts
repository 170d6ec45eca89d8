import { getQueueToken } from '@nestjs/bull';
import type { INestApplicationContext } from '@nestjs/common';
import type { Queue } from 'bull';
import { JourneySweeper } from '../src/journeys/journey-sweeper.service';
import { QUEUES } from '../src/queues/queues';
import { untilIdle } from './support/idle';
import { Receiver, Received } from './support/receiver';
import { createTenant, createTestApp, createTestWorker, flushRedisPrefix, TestApp, TestTenant } from './support/test-app';
import { sleep, until } from './support/until';
import { javaDmhubSignature } from './support/verify';

const SECRET = 'journey-secret-000001';
const json = (r: Received) => JSON.parse(r.raw.toString('utf8')) as Record<string, unknown>;

describe('journeys (自动流程)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let a: TestTenant;
  let b: TestTenant;
  let receiver: Receiver;
  let crm: number;
  let members: { id: number; name: string; mobile: string; attributes: Record<string, unknown> }[];
  let group: number;
  let synced: number;

  const api = () => t.http();
  const journey = (tenant: TestTenant, body: object) => api().post('/api/journeys').set(tenant.auth).send(body);
  const runsOf = async (id: number, tenant = a) =>
    (await api().get(`/api/journeys/${id}/runs?limit=1000`).set(tenant.auth).expect(200)).body.items as { id: string; status: string; customerId: number }[];
  const run = async (id: string, tenant = a) => (await api().get(`/api/journey-runs/${id}`).set(tenant.auth).expect(200)).body;
  const counters = async (id: number) => (await api().get(`/api/journeys/${id}`).set(a.auth).expect(200)).body.counters;
  /** No journey job waiting, delayed (a wait's wake-up) or running: every wake-up has fired and been handled. */
  const journeyJobsIdle = async () => {
    const c = await t.app.get<Queue>(getQueueToken(QUEUES.journeys)).getJobCounts();
    return c.waiting + c.active + c.delayed === 0;
  };

  beforeAll(async () => {
    t = await createTestApp();
    worker = await createTestWorker(t.env);
    a = await createTenant(t, 'A');
    b = await createTenant(t, 'B');
    receiver = await Receiver.start();
    receiver.on('/crm', (req) => ({ status: 200, body: JSON.stringify({ ok: true, id: `CRM-${(json(req).mobile as string) ?? 'none'}` }) }));
    const cities = ['Shanghai', 'shanghai', 'Beijing', 'Shanghai'];
    await api()
      .post('/api/customers/import')
      .set(a.auth)
      .send(
        cities.map((city, i) => ({
          name: `旅程客户 "${i}"`,
          mobile: `1380000${String(i).padStart(4, '0')}`,
          attributes: { city },
        })),
      )
      .expect(200);
    members = (await api().get('/api/customers').set(a.auth).expect(200)).body.items;
    group = (await api().post('/api/groups').set(a.auth).send({ name: 'journey members', type: 'static' }).expect(201)).body.id;
    await api()
      .post(`/api/groups/${group}/members`)
      .set(a.auth)
      .send({ customerIds: members.map((m) => m.id) })
      .expect(200);
    synced = (await api().post('/api/groups').set(a.auth).send({ name: 'crm synced', type: 'static' }).expect(201)).body.id;
    crm = (
      await api()
        .post('/api/webhooks')
        .set(a.auth)
        .send({
          name: 'CRM',
          url: receiver.url('/crm'),
          secret: SECRET,
          bodyTemplate: { name: '{{ customer.name }}', mobile: '{{ customer.mobile }}', run: '{{ journey.runId }}', journey: '{{ journey.name }}' },
        })
        .expect(201)
    ).body.id;
  });

  afterAll(async () => {
    await worker.close();
    await receiver.close();
    await t.close();
  });

  it('a group_entry journey waits, branches on an attribute, calls the CRM, and later nodes read its response', async () => {
    const started = Date.now();
    const created = await journey(a, {
      name: '群组 → CRM',
      reentry: 'once',
      trigger: { type: 'group_entry', groupId: group },
      start: 'pause',
      nodes: [
        { id: 'pause', type: 'wait', seconds: 1, next: 'city' },
        { id: 'city', type: 'condition', rule: { field: 'customer.attributes.city', op: '=', value: 'Shanghai' }, then: 'crm', else: 'skip' },
        { id: 'crm', type: 'webhook', webhookId: crm, next: 'tag' },
        {
          id: 'tag',
          type: 'update_customer',
          set: { 'attributes.crmId': '{{ nodes.crm.response.body.id }}', 'attributes.crmSynced': true },
          activityDelta: 10,
          addToGroupId: synced,
          next: 'check',
        },
        { id: 'check', type: 'condition', rule: { field: 'nodes.crm.response.body.ok', op: '=', value: true }, then: 'done', else: 'oops' },
        { id: 'done', type: 'end' },
        { id: 'skip', type: 'end' },
        { id: 'oops', type: 'end' },
      ],
    }).expect(201);
    expect(created.body).toMatchObject({ status: 'draft', version: 0, counters: { entered: 0 } });
    const id = created.body.id;
    const activated = await api().post(`/api/journeys/${id}/activate`).set(a.auth).expect(200);
    expect(activated.body).toMatchObject({ status: 'active', version: 1 });

    const calls = await receiver.waitFor('/crm', 3);
    expect(Math.min(...calls.map((c) => c.at)) - started).toBeGreaterThanOrEqual(1000);
    for (const c of calls) expect(c.headers['x-clab-hmac-signature']).toBe(javaDmhubSignature(SECRET, c.raw));
    const shanghai = members.filter((m) => String(m.attributes.city).toLowerCase() === 'shanghai');
    expect(calls.map((c) => json(c).mobile).sort()).toEqual(shanghai.map((m) => m.mobile).sort());
    expect(json(calls[0])).toMatchObject({ journey: '群组 → CRM', run: expect.stringMatching(/^\d+$/) });
    expect(calls[0].headers['x-herald-event']).toBe('journey/webhook');

    await until(
      () => counters(id),
      (c) => c.completed === 4,
      20_000,
      'four completed runs',
    );
    expect(await counters(id)).toMatchObject({ entered: 4, completed: 4, active: 0, waiting: 0, failed: 0 });

    const runs = await runsOf(id);
    const runOf = (mobile: string) => runs.find((r) => r.customerId === members.find((m) => m.mobile === mobile)!.id)!;
    const detail = await run(runOf(shanghai[0].mobile).id);
    expect(detail.stepLog.map((s: { nodeId: string; outcome: string }) => `${s.nodeId}:${s.outcome}`)).toEqual([
      'pause:done',
      'city:then',
      'crm:delivered',
      'tag:done',
      'check:then',
      'done:done',
    ]);
    const crmStep = detail.stepLog[2];
    expect(crmStep.delivery).toBe(`/api/deliveries/${crmStep.deliveryId}`);
    expect(crmStep.detail.response).toMatchObject({ status: 200, body: { ok: true, id: `CRM-${shanghai[0].mobile}` } });
    expect(detail.context.nodes.crm).toMatchObject({ outcome: 'delivered', response: { status: 200, body: { id: `CRM-${shanghai[0].mobile}` } } });
    const delivery = (await api().get(crmStep.delivery).set(a.auth).expect(200)).body;
    expect(delivery).toMatchObject({ source: 'journey', status: 'delivered', journeyRunId: detail.id, customerId: runOf(shanghai[0].mobile).customerId });

    const beijing = members.find((m) => m.attributes.city === 'Beijing')!;
    const other = await run(runOf(beijing.mobile).id);
    expect(other.stepLog.map((s: { nodeId: string; outcome: string }) => `${s.nodeId}:${s.outcome}`)).toEqual(['pause:done', 'city:else', 'skip:done']);

    // The update went through the customers service: fields, score, group, and customer/updated.
    const tagged = (
      await api()
        .get(`/api/customers/${runOf(shanghai[0].mobile).customerId}`)
        .set(a.auth)
        .expect(200)
    ).body;
    expect(tagged.attributes).toMatchObject({ city: shanghai[0].attributes.city, crmId: `CRM-${shanghai[0].mobile}`, crmSynced: true });
    expect(tagged.activityScore).toBe(10);
    const syncedMembers = (await api().get(`/api/groups/${synced}/members`).set(a.auth).expect(200)).body.items;
    expect(syncedMembers.map((m: { id: number }) => m.id).sort()).toEqual(shanghai.map((m) => m.id).sort());
    const events = (await api().get('/api/events?type=customer/updated').set(a.auth).expect(200)).body.items;
    expect(events.filter((e: { origin: string }) => e.origin === 'journey')).toHaveLength(3);

    await untilIdle(t); // was a 300 ms sleep: another call can only come from an event, message or job still open
    expect(receiver.at('/crm')).toHaveLength(3);
  });

  it('the DM Hub flow: coupon redeemed → wait → if city = Shanghai → CRM → tag, with the CRM response in the step log', async () => {
    const level = (await api().post('/api/loyalty/levels').set(a.auth).send({ name: '银卡', rank: 1 }).expect(201)).body.id;
    const shanghai = members.find((m) => m.attributes.city === 'Shanghai')!;
    const membership = (await api().post('/api/loyalty/memberships').set(a.auth).send({ customerId: shanghai.id, levelId: level }).expect(201)).body;
    const coupon = (
      await api()
        .post('/api/loyalty/coupons')
        .set(a.auth)
        .send({
          name: '满100减20',
          startDate: new Date(Date.now() - 60_000).toISOString(),
          endDate: new Date(Date.now() + 86_400_000).toISOString(),
        })
        .expect(201)
    ).body;
    const flow = (
      await journey(a, {
        name: '核销 → CRM',
        reentry: 'always',
        trigger: { type: 'event', event: 'loyalty/membership_redeem_coupon' },
        start: 'wait',
        nodes: [
          { id: 'wait', type: 'wait', seconds: 1, next: 'city' },
          { id: 'city', type: 'condition', rule: { field: 'customer.attributes.city', op: '=', value: 'Shanghai' }, then: 'crm', else: 'end' },
          { id: 'crm', type: 'webhook', webhookId: crm, next: 'tag' },
          { id: 'tag', type: 'update_customer', set: { 'attributes.redeemedCoupon': '{{ trigger.couponName }}' }, next: 'end' },
          { id: 'end', type: 'end' },
        ],
      }).expect(201)
    ).body;
    await api().post(`/api/journeys/${flow.id}/activate`).set(a.auth).expect(200);
    const before = receiver.at('/crm').length;
    const code = (await api().post(`/api/loyalty/coupons/${coupon.id}/draw`).set(a.auth).send({ membershipId: membership.id }).expect(201)).body.code;
    await api().post(`/api/loyalty/codes/${code}/redeem`).set(a.auth).expect(200);

    await receiver.waitFor('/crm', before + 1);
    const [r] = await until(
      () => runsOf(flow.id),
      (runs) => runs.length === 1 && runs[0].status === 'completed',
      20_000,
      'the redeem run',
    );
    const detail = await run(r.id);
    expect(detail.customerId).toBe(shanghai.id);
    expect(detail.context.trigger).toMatchObject({ event: 'loyalty/membership_redeem_coupon', couponCode: code, membershipId: String(membership.id) });
    expect(detail.stepLog.map((s: { nodeId: string; outcome: string }) => `${s.nodeId}:${s.outcome}`)).toEqual([
      'wait:done',
      'city:then',
      'crm:delivered',
      'tag:done',
      'end:done',
    ]);
    expect(detail.stepLog[2].detail.response).toMatchObject({ status: 200, body: { ok: true, id: `CRM-${shanghai.mobile}` } });
    const customer = (await api().get(`/api/customers/${shanghai.id}`).set(a.auth).expect(200)).body;
    expect(customer.attributes.redeemedCoupon).toBe('满100减20');

    // The relay offering the same event again (as after a crash before it marked it) starts no second run.
    await t.db.query('UPDATE event_outbox SET relayedAt = NULL, claimToken = NULL, lockedUntil = NULL WHERE tenantId = ? AND type = ?', [
      a.id,
      'loyalty/membership_redeem_coupon',
    ]);
    await until(
      async () => (await t.db.query('SELECT COUNT(*) AS n FROM event_outbox WHERE tenantId = ? AND relayedAt IS NULL', [a.id]))[0].n,
      (n) => Number(n) === 0,
      10_000,
      'the event relayed again',
    );
    await untilIdle(t); // was a 300 ms sleep (the relay inserts runs before it marks the event; this also waits out their jobs)
    expect(await runsOf(flow.id)).toHaveLength(1);
    await api().post(`/api/journeys/${flow.id}/archive`).set(a.auth).expect(200);
  });

  it('attribute_threshold fires once per crossing into the condition: activity, PATCH and import', async () => {
    const hot = (
      await journey(a, {
        name: '活跃度 ≥ 500',
        reentry: 'always',
        trigger: { type: 'attribute_threshold', field: 'activityScore', op: '>=', value: 500 },
        start: 'end',
        nodes: [{ id: 'end', type: 'end' }],
      }).expect(201)
    ).body;
    await api().post(`/api/journeys/${hot.id}/activate`).set(a.auth).expect(200);
    const c = (await api().post('/api/customers').set(a.auth).send({ name: 'Lead', mobile: '13999990001', activityScore: 480 }).expect(201)).body;
    const runsFor = async (customerId: number) => (await runsOf(hot.id)).filter((r) => r.customerId === customerId);
    const activity = (delta: number) => api().post(`/api/customers/${c.id}/activity`).set(a.auth).send({ delta }).expect(200);

    await activity(30); // 480 → 510: crosses
    await until(
      () => runsFor(c.id),
      (r) => r.length === 1,
      10_000,
      'the first crossing',
    );
    await activity(10); // 510 → 520: already inside
    await activity(-100); // 520 → 420: leaves
    await api().patch(`/api/customers/${c.id}`).set(a.auth).send({ name: 'Lead 2' }).expect(200); // no score change
    await untilIdle(t); // was an 800 ms sleep: once their events are relayed (runs are inserted before), no run can come of them
    expect(await runsFor(c.id)).toHaveLength(1);
    await api().patch(`/api/customers/${c.id}`).set(a.auth).send({ activityScore: 900 }).expect(200); // 420 → 900: crosses again
    await until(
      () => runsFor(c.id),
      (r) => r.length === 2,
      10_000,
      'the second crossing',
    );

    // Imports tell journeys (not webhooks): an update from 100 to 600 crosses, a new customer at 700 has crossed, one at 100 has not.
    const d = (await api().post('/api/customers').set(a.auth).send({ name: 'Imported', mobile: '13999990002', activityScore: 100 }).expect(201)).body;
    const report = await api()
      .post('/api/customers/import')
      .set(a.auth)
      .send([
        { mobile: '13999990002', activityScore: 600 },
        { name: 'New hot', mobile: '13999990003', activityScore: 700 },
        { name: 'New cold', mobile: '13999990004', activityScore: 100 },
      ])
      .expect(200);
    expect(report.body).toMatchObject({ created: 2, updated: 1, failed: 0 });
    const hotNew = (await api().get('/api/customers?q=13999990003').set(a.auth).expect(200)).body.items[0];
    const coldNew = (await api().get('/api/customers?q=13999990004').set(a.auth).expect(200)).body.items[0];
    await until(
      () => runsOf(hot.id),
      (r) => r.some((x) => x.customerId === d.id) && r.some((x) => x.customerId === hotNew.id),
      10_000,
      'the import crossings',
    );
    await untilIdle(t); // was a 500 ms sleep: every event of the import relayed
    expect(await runsFor(coldNew.id)).toHaveLength(0);
    expect(await runsFor(d.id)).toHaveLength(1);
    const silent = (await api().get('/api/events?type=customer/updated').set(a.auth).expect(200)).body.items.find(
      (e: { customerId: number; origin: string }) => e.customerId === d.id && e.origin === 'import',
    );
    expect(silent).toMatchObject({ silent: true, deliveries: 0 });
    await api().post(`/api/journeys/${hot.id}/archive`).set(a.auth).expect(200);
  });

  it('reentry once enters a customer once; always every time', async () => {
    const make = async (reentry: string) => {
      const j = (
        await journey(a, {
          name: `reentry ${reentry}`,
          reentry,
          trigger: { type: 'event', event: 'customer/updated' },
          start: 'end',
          nodes: [{ id: 'end', type: 'end' }],
        }).expect(201)
      ).body;
      await api().post(`/api/journeys/${j.id}/activate`).set(a.auth).expect(200);
      return j.id as number;
    };
    const once = await make('once');
    const always = await make('always');
    const c = (await api().post('/api/customers').set(a.auth).send({ name: 'Re', mobile: '13999990010' }).expect(201)).body;
    for (const name of ['Re 1', 'Re 2', 'Re 3']) await api().patch(`/api/customers/${c.id}`).set(a.auth).send({ name }).expect(200);
    await until(
      async () => (await runsOf(always)).filter((r) => r.customerId === c.id).length,
      (n) => n === 3,
      10_000,
      'three runs of always',
    );
    expect((await runsOf(once)).filter((r) => r.customerId === c.id)).toHaveLength(1);
    for (const id of [once, always]) await api().post(`/api/journeys/${id}/archive`).set(a.auth).expect(200);
  });

  it('editing an active journey makes a new version; running customers finish on theirs', async () => {
    const j = (
      await journey(a, {
        name: 'versions',
        reentry: 'always',
        trigger: { type: 'event', event: 'customer/created' },
        start: 'slow',
        nodes: [
          { id: 'slow', type: 'wait', seconds: 2, next: 'v1end' },
          { id: 'v1end', type: 'end' },
        ],
      }).expect(201)
    ).body;
    await api().post(`/api/journeys/${j.id}/activate`).set(a.auth).expect(200);
    const first = (await api().post('/api/customers').set(a.auth).send({ name: 'V1', mobile: '13999990020' }).expect(201)).body;
    await until(
      () => runsOf(j.id),
      (r) => r.some((x) => x.customerId === first.id && x.status === 'waiting'),
      10_000,
      'the v1 run waiting',
    );

    const edited = await api()
      .patch(`/api/journeys/${j.id}`)
      .set(a.auth)
      .send({ start: 'v2end', nodes: [{ id: 'v2end', type: 'end', label: 'v2' }] })
      .expect(200);
    expect(edited.body).toMatchObject({ status: 'active', version: 2, start: 'v2end' });
    const second = (await api().post('/api/customers').set(a.auth).send({ name: 'V2', mobile: '13999990021' }).expect(201)).body;

    const runs = await until(
      () => runsOf(j.id),
      (r) => r.length === 2 && r.every((x) => x.status === 'completed'),
      15_000,
      'both runs completed',
    );
    const v1 = await run(runs.find((r) => r.customerId === first.id)!.id);
    const v2 = await run(runs.find((r) => r.customerId === second.id)!.id);
    expect(v1.stepLog.map((s: { nodeId: string }) => s.nodeId)).toEqual(['slow', 'v1end']);
    expect(v2.stepLog.map((s: { nodeId: string }) => s.nodeId)).toEqual(['v2end']);
    expect(v1.versionId).not.toBe(v2.versionId);
    const versions = (await api().get(`/api/journeys/${j.id}/versions`).set(a.auth).expect(200)).body;
    expect(versions.items.map((v: { version: number; start: string }) => [v.version, v.start])).toEqual([
      [2, 'v2end'],
      [1, 'slow'],
    ]);
    expect(versions.nextCursor).toBeNull();
    // A keyset page like every other list: one a page, the cursor being the last version seen.
    const page1 = (await api().get(`/api/journeys/${j.id}/versions?limit=1`).set(a.auth).expect(200)).body;
    expect([page1.items.map((v: { version: number }) => v.version), page1.nextCursor]).toEqual([[2], '2']);
    const next = (await api().get(`/api/journeys/${j.id}/versions?limit=1&after=${page1.nextCursor}`).set(a.auth).expect(200)).body;
    expect([next.items.map((v: { version: number }) => v.version), next.nextCursor]).toEqual([[1], null]);
    await api().post(`/api/journeys/${j.id}/archive`).set(a.auth).expect(200);
  });

  it('pausing holds runs where they are; resuming finishes them; archiving cancels waiting runs', async () => {
    const make = async (name: string) => {
      const j = (
        await journey(a, {
          name,
          trigger: { type: 'group_entry', groupId: group },
          start: 'w',
          // 3 s (was 1 s): the pause or archive must land while the runs wait, also on a busy machine.
          nodes: [
            { id: 'w', type: 'wait', seconds: 3, next: 'e' },
            { id: 'e', type: 'end' },
          ],
        }).expect(201)
      ).body;
      await api().post(`/api/journeys/${j.id}/activate`).set(a.auth).expect(200);
      await until(
        () => counters(j.id),
        (c) => c.waiting === 4,
        10_000,
        `${name}: four waiting runs`,
      );
      return j.id as number;
    };
    const held = await make('pause me');
    await api().post(`/api/journeys/${held}/pause`).set(a.auth).expect(200);
    // Was an 1.8 s sleep: on a busy machine it could end before the waits did, proving nothing. Now: every wait has
    // ended and its wake-up job has run (and, the journey paused, claimed nothing).
    await until(
      async () =>
        Number((await t.db.query('SELECT COUNT(*) AS n FROM journey_runs WHERE journeyId = ? AND (dueAt IS NULL OR dueAt > ?)', [held, new Date()]))[0].n) ===
          0 && (await journeyJobsIdle()),
      (done) => done,
      20_000,
      "the paused runs' waits over and their wake-ups handled",
    );
    expect(await counters(held)).toMatchObject({ waiting: 4, completed: 0 });
    const resumed = await api().post(`/api/journeys/${held}/activate`).set(a.auth).expect(200);
    expect(resumed.body.status).toBe('active');
    await until(
      () => counters(held),
      (c) => c.completed === 4,
      10_000,
      'the resumed runs completed',
    );

    const doomed = await make('archive me');
    const [{ due }] = await t.db.query('SELECT MAX(dueAt) AS due FROM journey_runs WHERE journeyId = ?', [doomed]);
    const archived = await api().post(`/api/journeys/${doomed}/archive`).set(a.auth).expect(200);
    expect(archived.body).toMatchObject({ status: 'archived', counters: { cancelled: 4, waiting: 0 } });
    // Was a 1.5 s sleep: now until the cancelled runs' waits would have ended and their wake-ups have run.
    await until(
      async () => Date.now() > new Date(due).getTime() && (await journeyJobsIdle()),
      (done) => done,
      20_000,
      "the archived runs' wake-ups handled",
    );
    expect(await counters(doomed)).toMatchObject({ cancelled: 4, completed: 0 });
    const refusals = [
      await api().post(`/api/journeys/${doomed}/activate`).set(a.auth).expect(409),
      await api().patch(`/api/journeys/${doomed}`).set(a.auth).send({ name: 'x' }).expect(409),
      await api().delete(`/api/journeys/${doomed}`).set(a.auth).expect(409),
      await api().post(`/api/journeys/${doomed}/pause`).set(a.auth).expect(409),
    ];
    expect(refusals.map((r) => [r.body.code, r.body.params])).toEqual([
      ['journey_archived', { id: doomed }],
      ['journey_archived', { id: doomed }],
      ['journey_has_run', { id: doomed }],
      ['journey_not_active', { id: doomed, status: 'archived' }],
    ]);
  });

  it('a failed call stops the run, or continues with the outcome when onFailure is continue', async () => {
    receiver.on('/refuse', () => ({ status: 400, body: '{"error":"bad customer"}' }));
    const refuse = (
      await api()
        .post('/api/webhooks')
        .set(a.auth)
        .send({ name: 'refuse', url: receiver.url('/refuse') })
        .expect(201)
    ).body.id;
    const make = async (onFailure: string) =>
      (
        await journey(a, {
          name: `on failure ${onFailure}`,
          trigger: { type: 'group_entry', groupId: group },
          start: 'call',
          nodes: [
            { id: 'call', type: 'webhook', webhookId: refuse, onFailure, next: 'failed' },
            { id: 'failed', type: 'condition', rule: { field: 'nodes.call.outcome', op: '=', value: 'failed' }, then: 'e', else: 'e' },
            { id: 'e', type: 'end' },
          ],
        }).expect(201)
      ).body.id as number;
    const stop = await make('stop');
    const go = await make('continue');
    for (const id of [stop, go]) await api().post(`/api/journeys/${id}/activate`).set(a.auth).expect(200);
    await until(
      () => counters(stop),
      (c) => c.failed === 4,
      10_000,
      'four failed runs',
    );
    await until(
      () => counters(go),
      (c) => c.completed === 4,
      10_000,
      'four completed runs',
    );
    const failed = await run((await runsOf(stop))[0].id);
    expect(failed.error).toContain('webhook node call');
    expect(failed.stepLog.map((s: { nodeId: string; outcome: string }) => `${s.nodeId}:${s.outcome}`)).toEqual(['call:failed']);
    expect(failed.stepLog[0].detail.response).toMatchObject({ status: 400, body: { error: 'bad customer' } });
    const continued = await run((await runsOf(go))[0].id);
    expect(continued.stepLog.map((s: { nodeId: string; outcome: string }) => `${s.nodeId}:${s.outcome}`)).toEqual(['call:failed', 'failed:then', 'e:done']);
  });

  it('a webhook that cannot be loaded (a secret that does not open) is retried, not read as deleted', async () => {
    receiver.on('/sealed', () => ({ status: 200 }));
    const secret = 'sealed-secret-0000001';
    const hook = (
      await api()
        .post('/api/webhooks')
        .set(a.auth)
        .send({ name: 'sealed', url: receiver.url('/sealed'), secret })
        .expect(201)
    ).body.id;
    // A sealed value under a key this process does not have: findWithSecrets throws a non-404 error.
    const [{ secret: sealed }] = await t.db.query('SELECT secret FROM webhooks WHERE id = ?', [hook]);
    await t.db.query("UPDATE webhooks SET secret = CONCAT('v1:00000000', SUBSTRING(secret, 12)) WHERE id = ?", [hook]);
    const j = (
      await journey(a, {
        name: 'sealed',
        trigger: { type: 'group_entry', groupId: group },
        start: 'call',
        nodes: [
          { id: 'call', type: 'webhook', webhookId: hook, next: 'e' },
          { id: 'e', type: 'end' },
        ],
      }).expect(201)
    ).body;
    await api().post(`/api/journeys/${j.id}/activate`).set(a.auth).expect(200);
    // Every run has met the broken webhook: failed (the bug), or put back with a later due time.
    const tried = await until(
      () =>
        t.db.query('SELECT status, error, dueAt > NOW(3) AS later FROM journey_runs WHERE journeyId = ?', [j.id]) as Promise<
          { status: string; error: string | null; later: number }[]
        >,
      (rows) => rows.length === 4 && rows.every((r) => r.status === 'failed' || (r.status === 'active' && Number(r.later) === 1)),
      15_000,
      'four runs that met the broken webhook',
    );
    expect(tried.map((r) => [r.status, r.error])).toEqual(Array(4).fill(['active', null]));
    expect(receiver.at('/sealed')).toHaveLength(0);
    await t.db.query('UPDATE webhooks SET secret = ? WHERE id = ?', [sealed, hook]);
    await until(
      () => counters(j.id),
      (c) => c.completed === 4,
      20_000,
      'four completed runs once the secret opens',
    );
    const calls = await receiver.waitFor('/sealed', 4);
    for (const c of calls) expect(c.headers['x-clab-hmac-signature']).toBe(javaDmhubSignature(secret, c.raw));
    await api().post(`/api/journeys/${j.id}/archive`).set(a.auth).expect(200);
  });

  it('an invalid graph is a 400 naming the node; references are checked against the tenant', async () => {
    const base = { name: 'bad', trigger: { type: 'group_entry', groupId: group }, start: 'a' };
    const bad = await journey(a, { ...base, nodes: [{ id: 'a', type: 'wait', seconds: 5, next: 'nowhere' }] }).expect(400);
    expect(bad.body.fields['nodes[0].next'][0]).toContain('names no node');
    expect(bad.body.problems).toEqual([expect.objectContaining({ path: 'nodes[0].next', code: 'unknown_node', params: { id: 'nowhere' } })]);
    expect(bad.body.message).toContain('nodes[0].next');

    const eventHook = (
      await api()
        .post('/api/webhooks')
        .set(a.auth)
        .send({ name: 'evt', url: receiver.url('/evt'), triggerType: 'event', events: ['customer/created'] })
        .expect(201)
    ).body.id;
    const wrongKind = await journey(a, { ...base, nodes: [{ id: 'a', type: 'webhook', webhookId: eventHook }] }).expect(400);
    expect(wrongKind.body.fields['nodes[0].webhookId'][0]).toContain('manual');
    expect(wrongKind.body.problems[0]).toMatchObject({ code: 'webhook_not_manual', params: { id: eventHook, triggerType: 'event' } });
    const othersHook = await journey(b, {
      ...base,
      trigger: { type: 'event', event: 'customer/created' },
      nodes: [{ id: 'a', type: 'webhook', webhookId: crm }],
    }).expect(400);
    expect(othersHook.body.fields['nodes[0].webhookId'][0]).toContain('names no webhook of yours');
    const othersGroup = await journey(b, { ...base, nodes: [{ id: 'a', type: 'end' }] }).expect(400);
    expect(othersGroup.body.fields['trigger.groupId'][0]).toContain('names no group of yours');
    const loop = await journey(a, {
      ...base,
      nodes: [
        { id: 'a', type: 'condition', rule: { field: 'customer.activityScore', op: '>', value: 1 }, then: 'b', else: 'b' },
        { id: 'b', type: 'update_customer', activityDelta: 1, next: 'a' },
      ],
    }).expect(400);
    expect(Object.keys(loop.body.fields)).toEqual(['nodes[1].next']);
    expect(loop.body.problems[0]).toMatchObject({ code: 'loop_without_wait', params: { loop: 'a → b → a' } });
    await journey(a, { ...base, name: '', nodes: [{ id: 'a', type: 'end' }] }).expect(400);
    await journey(a, { ...base, nodes: [{ id: 'a', type: 'end' }], extra: 1 }).expect(400);

    const check = await api()
      .post('/api/journeys/validate')
      .set(a.auth)
      .send({ ...base, name: undefined, nodes: [{ id: 'a', type: 'webhook', webhookId: 999999 }] })
      .expect(200);
    expect(check.body).toEqual({
      valid: false,
      errors: { 'nodes[0].webhookId': [expect.stringContaining('names no webhook of yours')] },
      problems: [
        { path: 'nodes[0].webhookId', code: 'unknown_webhook', params: { id: 999999 }, message: expect.stringContaining('names no webhook of yours') },
      ],
    });
  });

  it("another tenant's journeys and runs are 404", async () => {
    const j = (await journey(a, { name: 'mine', trigger: { type: 'group_entry', groupId: group }, start: 'e', nodes: [{ id: 'e', type: 'end' }] }).expect(201))
      .body;
    await api().post(`/api/journeys/${j.id}/activate`).set(a.auth).expect(200);
    const [r] = await until(
      () => runsOf(j.id),
      (runs) => runs.length === 4,
      10_000,
      'runs',
    );
    for (const req of [
      api().get(`/api/journeys/${j.id}`),
      api().patch(`/api/journeys/${j.id}`).send({ name: 'x' }),
      api().delete(`/api/journeys/${j.id}`),
      api().post(`/api/journeys/${j.id}/activate`),
      api().post(`/api/journeys/${j.id}/pause`),
      api().post(`/api/journeys/${j.id}/archive`),
      api().get(`/api/journeys/${j.id}/runs`),
      api().get(`/api/journeys/${j.id}/versions`),
      api().get(`/api/journey-runs/${r.id}`),
      api().get(`/api/webhooks/${crm}`),
    ]) {
      await req.set(b.auth).expect(404);
    }
    expect((await api().get('/api/journeys').set(b.auth).expect(200)).body.items).toEqual([]);
    expect((await api().get(`/api/journeys/${j.id}`).set(a.auth).expect(200)).body.status).toBe('active');
  });

  it('a slice whose round fails (a deadlock victim) hands its runs back: stepped again in a second, not after the claim expires', async () => {
    // Every round's step log insert fails for the next 1.5 s; the claim on the runs lasts a minute.
    await t.db.query('CREATE TABLE test_fail_steps_until (until DATETIME(3) NOT NULL)');
    await t.db.query(
      "CREATE TRIGGER test_fail_steps BEFORE INSERT ON journey_steps FOR EACH ROW BEGIN IF EXISTS (SELECT 1 FROM test_fail_steps_until WHERE until > NOW(3)) THEN SIGNAL SQLSTATE '40001' SET MESSAGE_TEXT = 'injected failure'; END IF; END",
    );
    try {
      const j = (
        await journey(a, {
          name: 'failing round',
          trigger: { type: 'group_entry', groupId: group },
          start: 'tag',
          nodes: [
            { id: 'tag', type: 'update_customer', set: { 'attributes.retried': 'yes' }, next: 'end' },
            { id: 'end', type: 'end' },
          ],
        }).expect(201)
      ).body;
      await t.db.query('INSERT INTO test_fail_steps_until VALUES (NOW(3) + INTERVAL 1500000 MICROSECOND)');
      await api().post(`/api/journeys/${j.id}/activate`).set(a.auth).expect(200);
      await until(
        () => counters(j.id),
        (c) => c.completed === 4,
        20_000,
        'four completed runs after the failed rounds',
      );
      const [{ n }] = await t.db.query("SELECT COUNT(*) AS n FROM customers WHERE tenantId = ? AND JSON_VALUE(attributes, '$.retried') = 'yes'", [a.id]);
      expect(Number(n)).toBe(4);
    } finally {
      await t.db.query('DROP TRIGGER test_fail_steps');
      await t.db.query('DROP TABLE test_fail_steps_until');
    }
  });

  it('a run whose message settled without the notice reaching a worker is enqueued by one sweep (not a second grace period later)', async () => {
    const j = (
      await journey(a, {
        name: 'lost notice',
        trigger: { type: 'group_entry', groupId: group },
        start: 'call',
        nodes: [
          { id: 'call', type: 'webhook', webhookId: crm, next: 'end' },
          { id: 'end', type: 'end' },
        ],
      }).expect(201)
    ).body;
    await api().post(`/api/journeys/${j.id}/activate`).set(a.auth).expect(200);
    await until(
      () => counters(j.id),
      (c) => c.completed === 4,
      20_000,
      'four completed runs',
    );
    const sweeper = worker.get(JourneySweeper);
    await sweeper.stop();
    try {
      // The runs as they were while waiting for their (now delivered) messages, the notice lost.
      await t.db.query(
        "UPDATE journey_runs r JOIN journey_steps s ON s.runId = r.id AND s.nodeId = 'call' SET r.status = 'waiting', r.dueAt = NULL, r.finishedAt = NULL, " +
          "r.nodeId = 'call', r.waitingDeliveryId = s.deliveryId, r.openStep = JSON_OBJECT('nodeId', 'call', 'nodeType', 'webhook', 'startedAt', '2026-01-01T00:00:00.000Z', 'deliveryId', s.deliveryId, 'detail', JSON_OBJECT()) " +
          'WHERE r.journeyId = ?',
        [j.id],
      );
      // The sweeper trusts a notice for SWEEP_GRACE_MS: this wait is that period passing, not a wait for a state.
      await sleep(Number(t.env.SWEEP_GRACE_MS) + 100);
      expect(await sweeper.sweep()).toBeGreaterThanOrEqual(4);
      await until(
        () => counters(j.id),
        (c) => c.completed === 4,
        20_000,
        'four completed runs after one sweep',
      );
    } finally {
      sweeper.onModuleInit();
    }
  });

  it('a wake-up that is a deadlock victim is run again: the runs go on at once, not after the sweeper', async () => {
    // The first wake-up UPDATE fails as a deadlock victim would (errno 1213); the counter lives in a
    // MEMORY table so the failed statement's rollback does not undo it. The sweeper is stopped: only
    // the settled notice can move the runs on.
    await t.db.query('CREATE TABLE test_fail_wake (n INT NOT NULL) ENGINE=MEMORY');
    await t.db.query('INSERT INTO test_fail_wake VALUES (1)');
    await t.db.query(
      "CREATE TRIGGER test_fail_wake BEFORE UPDATE ON journey_runs FOR EACH ROW BEGIN IF OLD.status = 'waiting' AND NEW.status = 'waiting' AND OLD.dueAt IS NULL AND NEW.dueAt IS NOT NULL AND (SELECT n FROM test_fail_wake) > 0 THEN UPDATE test_fail_wake SET n = n - 1; SIGNAL SQLSTATE '40001' SET MYSQL_ERRNO = 1213, MESSAGE_TEXT = 'Deadlock found when trying to get lock (injected)'; END IF; END",
    );
    const sweeper = worker.get(JourneySweeper);
    await sweeper.stop();
    try {
      const j = (
        await journey(a, {
          name: 'deadlocked wake-up',
          trigger: { type: 'group_entry', groupId: group },
          start: 'call',
          nodes: [
            { id: 'call', type: 'webhook', webhookId: crm, next: 'end' },
            { id: 'end', type: 'end' },
          ],
        }).expect(201)
      ).body;
      await api().post(`/api/journeys/${j.id}/activate`).set(a.auth).expect(200);
      await until(
        () => counters(j.id),
        (c) => c.completed === 4,
        20_000,
        'four completed runs with the sweeper stopped',
      );
      const [{ n }] = await t.db.query('SELECT n FROM test_fail_wake');
      expect(Number(n)).toBe(0); // the injected deadlock did happen
    } finally {
      sweeper.onModuleInit();
      await t.db.query('DROP TRIGGER test_fail_wake');
      await t.db.query('DROP TABLE test_fail_wake');
    }
  });

  it('a Redis FLUSHALL while runs wait loses no run (the database is the truth)', async () => {
    const before = receiver.at('/crm').length;
    const j = (
      await journey(a, {
        name: 'flush',
        trigger: { type: 'group_entry', groupId: group },
        start: 'w',
        // 3 s (was 1 s): the flush must come while the runs wait, also on a busy machine.
        nodes: [
          { id: 'w', type: 'wait', seconds: 3, next: 'call' },
          { id: 'call', type: 'webhook', webhookId: crm },
        ],
      }).expect(201)
    ).body;
    await api().post(`/api/journeys/${j.id}/activate`).set(a.auth).expect(200);
    await until(
      () => counters(j.id),
      (c) => c.waiting === 4,
      10_000,
      'four waiting runs',
    );
    expect(await flushRedisPrefix(t)).toBeGreaterThan(0);
    await until(
      () => counters(j.id),
      (c) => c.completed === 4,
      20_000,
      'four completed runs after the flush',
    );
    await untilIdle(t); // was a 500 ms sleep: a second call can only come from a message or job still open
    expect(receiver.at('/crm').length - before).toBe(4);
  });
});
