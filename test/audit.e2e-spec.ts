import type { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { RetentionService } from '../src/retention/retention.service';
import { createTenant, createTestApp, createTestWorker, testEnv, TestApp, TestTenant } from './support/test-app';
import { Receiver } from './support/receiver';
import { until } from './support/until';
import { takeContractViolations } from './support/contract';

/** The session cookie from a login answer, as a Cookie header value. */
function sessionCookie(res: request.Response): string {
  const header = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('herald_session='));
  if (!header) throw new Error(`no session cookie in ${JSON.stringify(res.headers)}`);
  return header.split(';')[0];
}

const CLIENT_IP = '203.0.113.7';
const WEBHOOK_SECRET = 'wh-secret-Zq8v1x-original';
const ROTATED_SECRET = 'wh-secret-Kp3m9y-rotated!';
const BASIC_PASSWORD = 'basic-pw-Hx72-never-shown';
const INBOUND_SECRET = 'inbound-hmac-secret-Tq4w8e-0123456789';
const USER_PASSWORD = 'correct horse battery';

interface Entry {
  id: number;
  at: string;
  actor: { type: string; id: number | null; label: string | null };
  ip: string | null;
  resource: string;
  resourceId: string | null;
  action: string;
  diff: Record<string, { from?: unknown; to?: unknown }> | null;
}

describe('audit trail (GET /api/audit-log)', () => {
  let t: TestApp;
  let a: TestTenant;
  let b: TestTenant;
  let owner: string;
  let ownerId: number;
  let receiver: Receiver;
  const api = () => t.http();

  beforeAll(async () => {
    // Behind a trusted proxy on loopback: X-Forwarded-For names the client.
    t = await createTestApp(await testEnv({ TRUST_PROXY: 'loopback' }));
    receiver = await Receiver.start();
    a = await createTenant(t, 'A');
    b = await createTenant(t, 'B');
    ownerId = (await api().post('/api/console-users').set(a.auth).send({ email: 'owner@example.com', password: USER_PASSWORD }).expect(201)).body.id;
    owner = sessionCookie(
      await api().post('/api/auth/login').set('X-Forwarded-For', CLIENT_IP).send({ email: 'owner@example.com', password: USER_PASSWORD }).expect(200),
    );
  });
  afterAll(async () => {
    await receiver?.close();
    await t?.close();
  });

  /** A request as the signed-in owner, from the client's address. */
  const as = (method: 'post' | 'patch' | 'put' | 'delete' | 'get', path: string, cookie = owner) =>
    api()[method](path).set('Cookie', cookie).set('X-Forwarded-For', CLIENT_IP);

  const log = async (query: Record<string, string | number> = {}, cookie = owner): Promise<{ items: Entry[]; nextCursor: number | null }> => {
    const qs = new URLSearchParams(Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])));
    return (await as('get', `/api/audit-log?${qs}`, cookie).expect(200)).body;
  };

  /** The newest entry of this kind (filters resource, resourceId and action). */
  const entry = async (resource: string, action: string, resourceId?: string | number): Promise<Entry> => {
    const page = await log({ resource, action, ...(resourceId !== undefined ? { resourceId } : {}), limit: 1 });
    if (!page.items.length) throw new Error(`no audit entry ${resource} ${action} ${resourceId ?? ''}`);
    return page.items[0];
  };

  /** Every byte the audit table holds, to search for a secret. */
  const wholeLog = async () => JSON.stringify(await t.db.query('SELECT actorLabel, ip, resourceId, diff FROM audit_log'));

  const byOwner = (e: Entry) => {
    expect(e.actor).toEqual({ type: 'user', id: ownerId, label: 'owner@example.com' });
    expect(e.ip).toBe(CLIENT_IP);
  };

  it('records at least 20 kinds of change with the actor, the address and a diff with secrets masked', async () => {
    const kinds = new Set<string>();
    const seen = async (resource: string, action: string, resourceId?: string | number) => {
      const e = await entry(resource, action, resourceId);
      kinds.add(`${resource}.${action}`);
      return e;
    };

    // Webhooks: created (secret and basic auth masked), updated, secret rotated, circuit closed, deleted.
    const hook = (
      await as('post', '/api/webhooks')
        .send({ name: 'CRM', url: receiver.url('/crm'), secret: WEBHOOK_SECRET, basicAuth: { username: 'crm', password: BASIC_PASSWORD } })
        .expect(201)
    ).body;
    const created = await seen('webhook', 'created', hook.id);
    byOwner(created);
    expect(created.diff).toMatchObject({ name: { to: 'CRM' }, secret: { to: '••••' }, basicAuthPassword: { to: '••••' }, basicAuthUsername: { to: 'crm' } });
    await as('patch', `/api/webhooks/${hook.id}`).send({ name: 'CRM 2', timeoutMs: 7000 }).expect(200);
    const updated = await seen('webhook', 'updated', hook.id);
    expect(updated.diff).toEqual({ name: { from: 'CRM', to: 'CRM 2' }, timeoutMs: { from: expect.any(Number), to: 7000 } });
    await as('post', `/api/webhooks/${hook.id}/rotate-secret`).send({ secret: ROTATED_SECRET, graceSeconds: 0 }).expect(200);
    expect((await seen('webhook', 'secret_rotated', hook.id)).diff).toMatchObject({ secret: { from: '••••', to: '••••' } });
    await t.db.query("UPDATE webhooks SET circuitState = 'open', circuitOpenedAt = NOW(3), circuitFailures = 5, circuitEpoch = circuitEpoch + 1 WHERE id = ?", [
      hook.id,
    ]);
    await as('post', `/api/webhooks/${hook.id}/circuit/close`).expect(200);
    expect((await seen('webhook', 'circuit_closed', hook.id)).diff).toEqual({ circuitState: { from: 'open', to: 'closed' } });

    // Customers: created, updated, unsubscribed, resubscribed, imported, deleted.
    const customer = (await as('post', '/api/customers').send({ name: '王小明', mobile: '13800138000' }).expect(201)).body;
    expect((await seen('customer', 'created', customer.id)).diff).toMatchObject({ name: { to: '王小明' }, mobile: { to: '13800138000' } });
    await as('patch', `/api/customers/${customer.id}`).send({ name: '王大明' }).expect(200);
    expect((await seen('customer', 'updated', customer.id)).diff).toEqual({ name: { from: '王小明', to: '王大明' } });
    await as('post', `/api/customers/${customer.id}/unsubscribe`).expect(200);
    expect((await seen('customer', 'unsubscribed', customer.id)).diff).toMatchObject({ unsubscribedVia: { from: null, to: 'console' } });
    await as('post', `/api/customers/${customer.id}/resubscribe`).expect(200);
    await seen('customer', 'resubscribed', customer.id);
    await as('post', '/api/customers/import')
      .send([{ name: '甲', mobile: '13900000001' }, { name: '乙', mobile: '13900000002' }, { name: 'bad' }])
      .expect(200);
    expect((await seen('customer', 'imported')).diff).toEqual({ created: { to: 2 }, updated: { to: 0 }, failed: { to: 1 } });
    const doomed = (await as('post', '/api/customers').send({ name: 'Temp', mobile: '13700000000' }).expect(201)).body;
    await as('delete', `/api/customers/${doomed.id}`).expect(204);
    expect((await seen('customer', 'deleted', doomed.id)).diff).toMatchObject({ name: { from: 'Temp' } });

    // Groups: created, updated, members added and removed, deleted.
    const group = (await as('post', '/api/groups').send({ name: 'VIP', type: 'static' }).expect(201)).body;
    await seen('group', 'created', group.id);
    await as('patch', `/api/groups/${group.id}`).send({ description: '重要客户' }).expect(200);
    expect((await seen('group', 'updated', group.id)).diff).toEqual({ description: { from: null, to: '重要客户' } });
    await as('post', `/api/groups/${group.id}/members`)
      .send({ customerIds: [customer.id] })
      .expect(200);
    expect((await seen('group', 'members_added', group.id)).diff).toEqual({ added: { to: 1 }, customerIds: { to: [customer.id] } });
    await as('post', `/api/groups/${group.id}/members/remove`)
      .send({ customerIds: [customer.id] })
      .expect(200);
    await seen('group', 'members_removed', group.id);
    await as('post', `/api/groups/${group.id}/members`)
      .send({ customerIds: [customer.id] })
      .expect(200);

    // Broadcasts: scheduled (created), rescheduled, cancelled; one sent now (started).
    const later = new Date(Date.now() + 86_400_000).toISOString();
    const send = (await as('post', '/api/broadcasts').send({ webhookId: hook.id, groupId: group.id, scheduledAt: later }).expect(201)).body;
    expect((await seen('broadcast', 'created', send.id)).diff).toMatchObject({ status: { to: 'scheduled' } });
    await as('patch', `/api/broadcasts/${send.id}`)
      .send({ scheduledAt: new Date(Date.now() + 2 * 86_400_000).toISOString() })
      .expect(200);
    await seen('broadcast', 'rescheduled', send.id);
    await as('post', `/api/broadcasts/${send.id}/cancel`).expect(200);
    expect((await seen('broadcast', 'cancelled', send.id)).diff).toMatchObject({ status: { from: 'scheduled', to: 'cancelled' } });
    const now = (await as('post', '/api/broadcasts').send({ webhookId: hook.id, groupId: group.id }).expect(201)).body;
    await seen('broadcast', 'started', now.id);

    // Journeys: created, updated, activated, paused, archived; a draft deleted.
    const definition = { trigger: { type: 'event', event: 'customer/created' }, start: 'done', nodes: [{ id: 'done', type: 'end' }] };
    const journey = (
      await as('post', '/api/journeys')
        .send({ name: '欢迎', ...definition })
        .expect(201)
    ).body;
    await seen('journey', 'created', journey.id);
    await as('patch', `/api/journeys/${journey.id}`).send({ name: '欢迎新客' }).expect(200);
    expect((await seen('journey', 'updated', journey.id)).diff).toEqual({ name: { from: '欢迎', to: '欢迎新客' } });
    await as('post', `/api/journeys/${journey.id}/activate`).expect(200);
    expect((await seen('journey', 'activated', journey.id)).diff).toMatchObject({ status: { from: 'draft', to: 'active' } });
    await as('post', `/api/journeys/${journey.id}/pause`).expect(200);
    await seen('journey', 'paused', journey.id);
    await as('post', `/api/journeys/${journey.id}/archive`).expect(200);
    await seen('journey', 'archived', journey.id);
    const draft = (
      await as('post', '/api/journeys')
        .send({ name: 'draft', ...definition })
        .expect(201)
    ).body;
    await as('delete', `/api/journeys/${draft.id}`).expect(204);
    await seen('journey', 'deleted', draft.id);

    // Forms: created, updated, key rotated (the key masked), deleted.
    const fields = [{ name: 'name', label: '姓名', type: 'text', required: true, maps: 'name' }];
    const form = (await as('post', '/api/forms').send({ name: '报名', fields }).expect(201)).body;
    await seen('form', 'created', form.id);
    await as('patch', `/api/forms/${form.id}`).send({ title: '双十一' }).expect(200);
    expect((await seen('form', 'updated', form.id)).diff).toEqual({ title: { from: null, to: '双十一' } });
    const rotatedForm = (await as('post', `/api/forms/${form.id}/rotate-key`).expect(200)).body;
    expect((await seen('form', 'key_rotated', form.id)).diff).toEqual({ key: { from: '••••', to: '••••' } });
    await as('delete', `/api/forms/${form.id}`).expect(204);
    await seen('form', 'deleted', form.id);

    // Inbound triggers: created, updated, key and secret rotated, deleted.
    const trigger = (
      await as('post', '/api/inbound-triggers')
        .send({ name: 'ERP', checks: { hmac: {} } })
        .expect(201)
    ).body;
    await seen('inbound_trigger', 'created', trigger.id);
    await as('patch', `/api/inbound-triggers/${trigger.id}`).send({ name: 'ERP 2' }).expect(200);
    expect((await seen('inbound_trigger', 'updated', trigger.id)).diff).toEqual({ name: { from: 'ERP', to: 'ERP 2' } });
    const rotatedTrigger = (await as('post', `/api/inbound-triggers/${trigger.id}/rotate-key`).expect(200)).body;
    await seen('inbound_trigger', 'key_rotated', trigger.id);
    await as('post', `/api/inbound-triggers/${trigger.id}/rotate-secret`).send({ check: 'hmac', secret: INBOUND_SECRET }).expect(200);
    expect((await seen('inbound_trigger', 'secret_rotated', trigger.id)).diff).toEqual({ hmacSecret: { from: '••••', to: '••••' } });
    await as('delete', `/api/inbound-triggers/${trigger.id}`).expect(204);
    await seen('inbound_trigger', 'deleted', trigger.id);

    // Loyalty: a level, a membership (created, updated), a coupon (created, dispatched, a code redeemed).
    const level = (await as('post', '/api/loyalty/levels').send({ name: '银卡', rank: 1 }).expect(201)).body;
    await seen('loyalty_level', 'created', level.id);
    const member = (await as('post', '/api/loyalty/memberships').send({ customerId: customer.id }).expect(201)).body;
    await seen('membership', 'created', member.id);
    await as('patch', `/api/loyalty/memberships/${member.id}`).send({ points: 120 }).expect(200);
    expect((await seen('membership', 'updated', member.id)).diff).toEqual({ points: { from: 0, to: 120 } });
    const start = new Date(Date.now() - 3_600_000).toISOString();
    const end = new Date(Date.now() + 86_400_000).toISOString();
    const coupon = (await as('post', '/api/loyalty/coupons').send({ name: '满100减20', startDate: start, endDate: end }).expect(201)).body;
    await seen('coupon', 'created', coupon.id);
    await as('post', `/api/loyalty/coupons/${coupon.id}/dispatch`)
      .send({ membershipIds: [member.id] })
      .expect(200);
    expect((await seen('coupon', 'dispatched', coupon.id)).diff).toMatchObject({ dispatched: { to: 1 }, membershipIds: { to: [member.id] } });
    const [code] = (await as('get', `/api/loyalty/coupons/${coupon.id}/codes`).expect(200)).body.items;
    await as('post', `/api/loyalty/codes/${code.code}/redeem`).expect(200);
    expect((await seen('coupon', 'redeemed', coupon.id)).diff).toMatchObject({ code: { to: code.code }, membershipId: { to: member.id } });

    // Quiet hours (the tenant's and a webhook's override) and frequency caps (the tenant's and a webhook's).
    const windows = [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '21:00' }];
    await as('put', '/api/quiet-hours').send({ enabled: true, timeZone: 'Asia/Shanghai', windows }).expect(200);
    expect((await seen('quiet_hours', 'updated', 'tenant')).diff).toMatchObject({ enabled: { to: true }, timeZone: { to: 'Asia/Shanghai' } });
    await as('put', `/api/quiet-hours/webhooks/${hook.id}`).send({ mode: 'unrestricted' }).expect(200);
    await seen('quiet_hours', 'updated', `webhook:${hook.id}`);
    await as('delete', `/api/quiet-hours/webhooks/${hook.id}`).expect(204);
    await seen('quiet_hours', 'deleted', `webhook:${hook.id}`);
    await as('put', '/api/frequency-caps').send({ enabled: true, maxMessages: 3, windowHours: 24 }).expect(200);
    expect((await seen('frequency_cap', 'updated', 'tenant')).diff).toEqual({ enabled: { to: true }, maxMessages: { to: 3 }, windowHours: { to: 24 } });
    await as('put', `/api/webhooks/${hook.id}/frequency-cap`).send({ enabled: true, maxMessages: 1, windowHours: 1 }).expect(200);
    await seen('frequency_cap', 'updated', `webhook:${hook.id}`);

    // API keys: created (scopes and expiry, never the key), revoked.
    const key = (
      await as('post', '/api/api-keys')
        .send({ name: 'loyalty feed', scopes: ['events:write'] })
        .expect(201)
    ).body;
    expect((await seen('api_key', 'created', key.id)).diff).toEqual({
      name: { to: 'loyalty feed' },
      prefix: { to: key.prefix },
      scopes: { to: ['events:write'] },
      expiresAt: { to: null },
    });
    await as('delete', `/api/api-keys/${key.id}`).expect(200);
    await seen('api_key', 'revoked', key.id);

    // Console users: created (no password), role changed, updated, deleted.
    const ann = (await as('post', '/api/console-users').send({ email: 'ann@example.com', password: 'ann password', role: 'marketer' }).expect(201)).body;
    expect((await seen('console_user', 'created', ann.id)).diff).toEqual({ email: { to: 'ann@example.com' }, name: { to: null }, role: { to: 'marketer' } });
    await as('patch', `/api/console-users/${ann.id}`).send({ role: 'analyst' }).expect(200);
    expect((await seen('console_user', 'role_changed', ann.id)).diff).toEqual({ role: { from: 'marketer', to: 'analyst' } });
    await as('patch', `/api/console-users/${ann.id}`).send({ name: 'Ann' }).expect(200);
    expect((await seen('console_user', 'updated', ann.id)).diff).toEqual({ name: { from: null, to: 'Ann' } });
    await as('delete', `/api/console-users/${ann.id}`).expect(204);
    await seen('console_user', 'deleted', ann.id);

    // Sessions: signed in (beforeAll), a failed sign-in (anonymous, the email typed), signed out.
    const signedIn = await seen('session', 'signed_in');
    byOwner(signedIn);
    await api().post('/api/auth/login').set('X-Forwarded-For', CLIENT_IP).send({ email: 'owner@example.com', password: 'wrong password!' }).expect(401);
    const failed = await seen('session', 'sign_in_failed');
    expect(failed.actor).toEqual({ type: 'anonymous', id: null, label: 'owner@example.com' });
    expect(failed.ip).toBe(CLIENT_IP);
    const second = sessionCookie(await api().post('/api/auth/login').send({ email: 'owner@example.com', password: USER_PASSWORD }).expect(200));
    await api().post('/api/auth/logout').set('Cookie', second).expect(204);
    expect((await seen('session', 'signed_out')).actor).toEqual({ type: 'user', id: ownerId, label: 'owner@example.com' });

    expect(kinds.size).toBeGreaterThanOrEqual(20);

    // No secret, key or password is anywhere in the audit table, nor a hint of one.
    const everything = await wholeLog();
    for (const secret of [
      WEBHOOK_SECRET,
      ROTATED_SECRET,
      BASIC_PASSWORD,
      INBOUND_SECRET,
      USER_PASSWORD,
      'ann password',
      key.key,
      form.key,
      rotatedForm.key,
      trigger.key,
      rotatedTrigger.key,
      trigger.checks.hmac.secret,
    ]) {
      expect(typeof secret).toBe('string');
      expect(everything).not.toContain(secret);
    }
    expect(everything).not.toContain(WEBHOOK_SECRET.slice(-4));
  });

  it("an API key's changes name the key (name and prefix); other tenants never see them", async () => {
    const hook = (
      await api()
        .post('/api/webhooks')
        .set(a.auth)
        .send({ name: 'via key', url: receiver.url('/k') })
        .expect(201)
    ).body;
    const e = await entry('webhook', 'created', hook.id);
    const prefix = a.key.slice(0, e.actor.label!.match(/\((hk_[^)]+)\)/)![1].length);
    expect(e.actor).toEqual({ type: 'apiKey', id: expect.any(Number), label: `default (${prefix})` });
    expect(e.ip).toBe('127.0.0.1');
    const theirs = (await api().get('/api/audit-log?limit=200').set(b.auth).expect(200)).body.items as Entry[];
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.map((x) => x.id)).not.toContain(e.id);
    // Test sends are not changes.
    const customerId = (await api().post('/api/customers').set(a.auth).send({ name: 'test target', mobile: '13500000000' }).expect(201)).body.id;
    const before = (await log({ limit: 1 })).items[0].id;
    await api().post(`/api/webhooks/${hook.id}/test`).set(a.auth).send({ customerId }).expect(200);
    expect((await log({ limit: 1 })).items[0].id).toBe(before);
  });

  it('a change whose transaction rolls back leaves no entry; an entry that fails rolls the change back', async () => {
    // The customer/created outbox event is written after the audit entry, in the same transaction: make it fail.
    await t.db.query(
      "CREATE TRIGGER test_fail_outbox BEFORE INSERT ON event_outbox FOR EACH ROW BEGIN IF NEW.type = 'customer/created' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'injected failure'; END IF; END",
    );
    try {
      const before = await t.db.query('SELECT COUNT(*) AS n FROM audit_log');
      await as('post', '/api/customers').send({ name: 'Rolled back', mobile: '13611112222' }).expect(500);
      expect(await t.db.query('SELECT COUNT(*) AS n FROM audit_log')).toEqual(before);
      expect(await t.db.query("SELECT id FROM customers WHERE mobile = '13611112222'")).toEqual([]);
    } finally {
      await t.db.query('DROP TRIGGER test_fail_outbox');
    }
    await t.db.query(
      "CREATE TRIGGER test_fail_audit BEFORE INSERT ON audit_log FOR EACH ROW BEGIN IF NEW.resource = 'group' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'injected failure'; END IF; END",
    );
    try {
      await as('post', '/api/groups').send({ name: 'never', type: 'static' }).expect(500);
      expect(await t.db.query("SELECT id FROM customer_groups WHERE name = 'never'")).toEqual([]);
    } finally {
      await t.db.query('DROP TRIGGER test_fail_audit');
    }
    // The injected failures answered 500, as a broken database does: expected here, so not a contract violation.
    expect(takeContractViolations().every((v) => v.includes('→ 500'))).toBe(true);
  });

  it('filters by actor, resource, action and time, and pages newest first without gaps or duplicates', async () => {
    const group = (await as('post', '/api/groups').send({ name: 'paged', type: 'static' }).expect(201)).body;
    for (let i = 0; i < 7; i++)
      await as('patch', `/api/groups/${group.id}`)
        .send({ description: `v${i}` })
        .expect(200);
    const all: number[] = (await t.db.query("SELECT id FROM audit_log WHERE resource = 'group' AND resourceId = ? ORDER BY id DESC", [String(group.id)])).map(
      (r: { id: string }) => Number(r.id),
    );
    expect(all).toHaveLength(8);
    const seen: number[] = [];
    let after: number | null = null;
    let pages = 0;
    do {
      const page = await log({ resource: 'group', resourceId: group.id, limit: 3, ...(after ? { after } : {}) });
      seen.push(...page.items.map((e) => e.id));
      after = page.nextCursor;
      pages++;
    } while (after !== null && pages < 10);
    expect(seen).toEqual(all);
    expect(pages).toBe(3);

    const updates = await log({ resource: 'group', resourceId: group.id, action: 'updated' });
    expect(updates.items).toHaveLength(7);
    expect(updates.items[0].diff).toEqual({ description: { from: 'v5', to: 'v6' } });
    const mine = await log({ actorType: 'user', actorId: ownerId, limit: 200 });
    expect(mine.items.every((e) => e.actor.type === 'user' && e.actor.id === ownerId)).toBe(true);
    const keys = await log({ actorType: 'apiKey', limit: 200 });
    expect(keys.items.length).toBeGreaterThan(0);
    expect(keys.items.every((e) => e.actor.type === 'apiKey')).toBe(true);

    const first = await log({ resource: 'group', resourceId: group.id, action: 'created' });
    const at = new Date(first.items[0].at);
    expect((await log({ resource: 'group', resourceId: group.id, to: at.toISOString() })).items).toEqual([]);
    expect((await log({ resource: 'group', resourceId: group.id, from: at.toISOString() })).items).toHaveLength(8);
    expect((await log({ from: new Date(Date.now() + 60_000).toISOString() })).items).toEqual([]);
  });

  it('answers 400 naming the field for a bad filter', async () => {
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['after=abc', 'after'],
      ['actorType=robot', 'actorType'],
      ['resource=planet', 'resource'],
      ['action=exploded', 'action'],
      ['from=yesterday', 'from'],
      ['resourceId=a%20b', 'resourceId'],
      ['from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', 'to'],
      ['color=red', 'color'],
    ]) {
      const res = await as('get', `/api/audit-log?${query}`).expect(400);
      expect(Object.keys(res.body.fields ?? {})).toContain(field);
    }
  });

  it('only owners and admins read the log: an analyst or marketer session gets 403', async () => {
    for (const role of ['analyst', 'marketer']) {
      const email = `${role}@example.com`;
      await as('post', '/api/console-users').send({ email, password: USER_PASSWORD, role }).expect(201);
      const cookie = sessionCookie(await api().post('/api/auth/login').send({ email, password: USER_PASSWORD }).expect(200));
      const res = await api().get('/api/audit-log').set('Cookie', cookie).expect(403);
      expect(res.body).toMatchObject({ code: 'forbidden', params: { permission: 'audit:read' } });
    }
    await as('post', '/api/console-users').send({ email: 'admin@example.com', password: USER_PASSWORD, role: 'admin' }).expect(201);
    const admin = sessionCookie(await api().post('/api/auth/login').send({ email: 'admin@example.com', password: USER_PASSWORD }).expect(200));
    expect((await log({ limit: 1 }, admin)).items).toHaveLength(1);
    // A key scoped without audit:read is refused too.
    const narrow = (
      await as('post', '/api/api-keys')
        .send({ name: 'narrow', scopes: ['customers:read'] })
        .expect(201)
    ).body.key;
    await api().get('/api/audit-log').set('Authorization', `Bearer ${narrow}`).expect(403);
  });

  describe('retention', () => {
    let worker: INestApplicationContext;
    afterAll(() => worker?.close());

    it('purges entries older than AUDIT_RETENTION_DAYS and keeps the rest', async () => {
      const ids: number[] = (await t.db.query('SELECT id FROM audit_log WHERE tenantId = ? ORDER BY id LIMIT 5', [a.id])).map((r: { id: string }) =>
        Number(r.id),
      );
      expect(ids).toHaveLength(5);
      await t.db.query('UPDATE audit_log SET at = NOW(3) - INTERVAL 400 DAY WHERE id IN (?)', [ids.slice(0, 3)]);
      await t.db.query('UPDATE audit_log SET at = NOW(3) - INTERVAL 300 DAY WHERE id IN (?)', [ids.slice(3)]);
      const total = Number((await t.db.query('SELECT COUNT(*) AS n FROM audit_log'))[0].n);
      worker = await createTestWorker(t.env);
      const retention = worker.get(RetentionService);
      const report = await until(
        () => retention.purge(),
        (r) => r !== null,
        20_000,
        'the retention lock',
      );
      expect(report!.auditEntries).toBe(3);
      expect(await t.db.query('SELECT id FROM audit_log WHERE id IN (?)', [ids])).toHaveLength(2);
      expect(Number((await t.db.query('SELECT COUNT(*) AS n FROM audit_log'))[0].n)).toBe(total - 3);
    });
  });
});
