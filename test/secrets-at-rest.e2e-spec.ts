import type { INestApplicationContext } from '@nestjs/common';
import { randomBytes } from 'crypto';
import { readdirSync } from 'fs';
import { join } from 'path';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { DataSource } from 'typeorm';
import { Env, loadEnv } from '../src/config/env';
import { dataSourceOptions } from '../src/data-source-options';
import { dropDatabase, ensureDatabase } from '../src/database/ensure-database';
import { DeliveriesService } from '../src/deliveries/deliveries.service';
import { keyId, SecretBox } from '../src/secrets/secret-box';
import { WebhooksService } from '../src/webhooks/webhooks.service';
import { childEnv, runEntrypoint } from './support/processes';
import { Receiver } from './support/receiver';
import { createTenant, createTestApp, createTestWorker, TEST_SECRETS_KEY, TestApp, TestTenant } from './support/test-app';
import { javaDmhubSignature } from './support/verify';

const SECRET = 'dmhub-secret-never-in-a-dump-0042';
const HOOK_SECRET = 'inbound-hmac-secret-plain-0000009';
const PASSWORD = 'basic-auth-password-never-in-a-dump';
const OLD_SECRET = 'previous-secret-never-in-a-dump-01';
const SEALED = /^v1:[0-9a-f]{8}:[A-Za-z0-9+/]{16}:[A-Za-z0-9+/]{22}==:[A-Za-z0-9+/=]+$/;
const withKeys = (env: Env, keys: Partial<Pick<Env, 'SECRETS_KEY' | 'SECRETS_KEY_PREVIOUS'>>): Env => Object.assign(new Env(), env, keys);

describe('secrets at rest', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let a: TestTenant;
  let receiver: Receiver;
  let customerId: number;
  let webhookId: number;

  beforeAll(async () => {
    t = await createTestApp();
    worker = await createTestWorker(t.env);
    a = await createTenant(t, 'A');
    receiver = await Receiver.start();
    receiver.on('/crm', (req) => {
      const ok =
        req.headers['x-clab-hmac-signature'] === javaDmhubSignature(SECRET, req.raw) &&
        req.headers.authorization === `Basic ${Buffer.from(`crm:${PASSWORD}`).toString('base64')}`;
      return ok ? { status: 200, body: 'verified' } : { status: 401, body: 'bad signature or credentials' };
    });
    customerId = (await t.http().post('/api/customers').set(a.auth).send({ name: '秘密', mobile: '13700000001' }).expect(201)).body.id;
    const w = await t
      .http()
      .post('/api/webhooks')
      .set(a.auth)
      .send({
        name: 'crm',
        url: `http://crm:${encodeURIComponent(PASSWORD)}@127.0.0.1:${receiver.port}/crm`,
        secret: OLD_SECRET,
      })
      .expect(201);
    webhookId = w.body.id;
    await t.http().post(`/api/webhooks/${webhookId}/rotate-secret`).set(a.auth).send({ secret: SECRET, graceSeconds: 0 }).expect(200);
    await t.http().post(`/api/webhooks/${webhookId}/rotate-secret`).set(a.auth).send({ secret: SECRET, graceSeconds: 3600 }).expect(200);
  });
  afterAll(async () => {
    await worker.close();
    await receiver.close();
    await t.close();
  });

  it('a database dump holds none of the secrets, only sealed values; the API shows them masked', async () => {
    const dump = JSON.stringify(await t.db.query('SELECT * FROM webhooks'));
    for (const plain of [SECRET, PASSWORD, OLD_SECRET, encodeURIComponent(PASSWORD)]) expect(dump).not.toContain(plain);
    const [row] = await t.db.query('SELECT secret, previousSecret, basicAuthPassword, secretHint FROM webhooks WHERE id = ?', [webhookId]);
    expect(row.secret).toMatch(SEALED);
    expect(row.previousSecret).toMatch(SEALED);
    expect(row.basicAuthPassword).toMatch(SEALED);
    expect(row.secret.split(':')[1]).toBe(keyId(Buffer.from(TEST_SECRETS_KEY, 'hex')));
    expect(row.secretHint).toBe('••••••0042');
    const api = await t.http().get(`/api/webhooks/${webhookId}`).set(a.auth).expect(200);
    expect(api.body).toMatchObject({ secret: '••••••0042', basicAuth: { username: 'crm', password: '••••••' } });
    expect(JSON.stringify(api.body)).not.toMatch(/v1:|never-in-a-dump/);
  });

  it('signatures and basic auth still verify at a real receiver: test send (api) and mass send (worker)', async () => {
    const sent = await t.http().post(`/api/webhooks/${webhookId}/test`).set(a.auth).send({ customerId }).expect(200);
    expect(sent.body).toMatchObject({
      status: 'delivered',
      attemptLog: [expect.objectContaining({ response: expect.objectContaining({ body: 'verified' }) })],
    });
    expect(JSON.stringify(sent.body)).not.toContain(SECRET);
    const [req] = receiver.at('/crm');
    expect(req.headers['x-clab-hmac-signature-new']).toBe(javaDmhubSignature(SECRET, req.raw));
    const group = (await t.http().post('/api/groups').set(a.auth).send({ name: 'g', type: 'static' }).expect(201)).body.id;
    await t
      .http()
      .post(`/api/groups/${group}/members`)
      .set(a.auth)
      .send({ customerIds: [customerId] })
      .expect(200);
    const b = (await t.http().post('/api/broadcasts').set(a.auth).send({ webhookId, groupId: group }).expect(201)).body.id;
    for (let view = { status: 'sending' }; view.status === 'sending';) {
      await new Promise((r) => setTimeout(r, 50));
      view = (await t.http().get(`/api/broadcasts/${b}`).set(a.auth).expect(200)).body;
      if (view.status !== 'sending') expect(view).toMatchObject({ status: 'completed', delivered: 1 });
    }
  });

  it('rotation: secrets:rotate re-seals every value under the new key, and the app on the new key alone still signs', async () => {
    const NEW = randomBytes(32).toString('base64');
    // Before rotating, the new key alone cannot open what is stored: the process refuses to start, naming the variable.
    await expect(createTestApp(withKeys(t.env, { SECRETS_KEY: NEW }))).rejects.toThrow(/SECRETS_KEY: stored secrets are sealed with key/);

    const rotate = runEntrypoint('secrets/rotate-secrets.js', childEnv(t.env, { SECRETS_KEY: NEW, SECRETS_KEY_PREVIOUS: TEST_SECRETS_KEY }));
    expect((await rotate.exited).code).toBe(0);
    expect(rotate.output()).toMatch(new RegExp(`secrets:rotate: [3-9] value\\(s\\) re-sealed under key ${keyId(Buffer.from(NEW, 'base64'))}`));
    const rows: Record<string, string | null>[] = await t.db.query('SELECT secret, previousSecret, basicAuthPassword FROM webhooks');
    const newId = keyId(Buffer.from(NEW, 'base64'));
    for (const value of rows.flatMap((r) => Object.values(r)).filter((v): v is string => v !== null)) expect(value.split(':')[1]).toBe(newId);
    const again = runEntrypoint('secrets/rotate-secrets.js', childEnv(t.env, { SECRETS_KEY: NEW }));
    expect((await again.exited).code).toBe(0);
    expect(again.output()).toMatch(/0 value\(s\) re-sealed/);

    const rotated = await createTestApp(withKeys(t.env, { SECRETS_KEY: NEW }));
    try {
      receiver.requests.length = 0;
      const sent = await rotated.http().post(`/api/webhooks/${webhookId}/test`).set(a.auth).send({ customerId }).expect(200);
      expect(sent.body).toMatchObject({ status: 'delivered', lastStatusCode: 200 });
      // A Standard Webhooks secret set on the new key verifies with the library.
      const whsec = 'whsec_' + randomBytes(32).toString('base64');
      receiver.on('/std', (req) => {
        try {
          new StandardWebhook(whsec).verify(req.raw.toString('utf8'), req.headers as Record<string, string>);
          return { status: 204 };
        } catch {
          return { status: 400 };
        }
      });
      const std = (
        await rotated
          .http()
          .post('/api/webhooks')
          .set(a.auth)
          .send({ name: 's', url: receiver.url('/std'), signatureScheme: 'standard', secret: whsec })
          .expect(201)
      ).body.id;
      const res = await rotated.http().post(`/api/webhooks/${std}/test`).set(a.auth).send({ customerId }).expect(200);
      expect(res.body.lastStatusCode).toBe(204);
    } finally {
      await rotated.app.close();
    }
  });
});

describe('secrets at rest: a worker that cannot open a secret', () => {
  it('never cancels the message: it waits for a worker that can', async () => {
    const t = await createTestApp();
    const receiver = await Receiver.start();
    // Started before anything is sealed, so its boot check passes with the wrong key.
    let worker = await createTestWorker(withKeys(t.env, { SECRETS_KEY: randomBytes(32).toString('hex') }));
    try {
      const a = await createTenant(t, 'A');
      receiver.on('/signed', (req) => ({ status: req.headers['x-clab-hmac-signature'] === javaDmhubSignature(SECRET, req.raw) ? 200 : 401 }));
      const id = (
        await t
          .http()
          .post('/api/webhooks')
          .set(a.auth)
          .send({ name: 'w', url: receiver.url('/signed'), secret: SECRET })
          .expect(201)
      ).body.id;
      // A message the api made (it holds the right key), for the worker to send.
      const [message] = await t.app
        .get(DeliveriesService)
        .create([{ webhook: await t.app.get(WebhooksService).findWithSecrets(a.id, id), source: 'event', event: 'customer/created' }]);
      const row = async () => (await t.db.query('SELECT status, attempts FROM deliveries WHERE id = ?', [message.id]))[0];
      await new Promise((r) => setTimeout(r, 1_500));
      expect(await row()).toMatchObject({ status: expect.stringMatching(/^(pending|sending)$/), attempts: 0 });
      expect(receiver.at('/signed')).toHaveLength(0);

      await worker.close();
      worker = await createTestWorker(t.env);
      await receiver.waitFor('/signed', 1, 15_000);
      for (const deadline = Date.now() + 5_000; (await row()).status !== 'delivered' && Date.now() < deadline;) await new Promise((r) => setTimeout(r, 50));
      expect(await row()).toMatchObject({ status: 'delivered', attempts: 1 });
    } finally {
      await worker.close();
      await receiver.close();
      await t.close();
    }
  });
});

describe('secrets at rest: the migration that seals existing rows', () => {
  const MIGRATIONS = join(__dirname, '..', 'src', 'database', 'migrations');
  let env: Env;
  let saved: string | undefined;

  beforeAll(async () => {
    saved = process.env.SECRETS_KEY;
    env = loadEnv({ ...process.env, NODE_ENV: 'test', DB_NAME: `herald_test_${process.pid}_seal_${randomBytes(3).toString('hex')}` });
    await ensureDatabase(env);
    // The schema as it was before: every migration older than SecretsAtRest.
    const before = readdirSync(MIGRATIONS).filter((f) => f.endsWith('.ts') && f < readdirSync(MIGRATIONS).find((m) => m.includes('SecretsAtRest'))!);
    const ds = await new DataSource({ ...dataSourceOptions(env), migrations: before.map((f) => join(MIGRATIONS, f)) }).initialize();
    await ds.runMigrations();
    await ds.query(
      'INSERT INTO webhooks (tenantId, name, url, method, headers, secret, previousSecret, signatureScheme, basicAuthUsername, basicAuthPassword, triggerType, events) ' +
        "VALUES (1, 'old', 'http://x.example.com', 'POST', '{}', ?, ?, 'dmhub', 'u', ?, 'manual', '[]'), " +
        "(1, 'none', 'http://y.example.com', 'POST', '{}', NULL, NULL, 'none', NULL, NULL, 'manual', '[]')",
      [SECRET, OLD_SECRET, PASSWORD],
    );
    // An inbound trigger from before its secrets were sealed (plaintext JSON).
    await ds.query(
      "INSERT INTO inbound_triggers (tenantId, name, `key`, methods, mode, checks, secrets) VALUES (1, 'old hook', 'oldhookkey000000000000', '[\"POST\"]', 'async', ?, ?)",
      [JSON.stringify({ hmac: { header: 'X-Hub-Signature-256', algorithm: 'sha256' } }), JSON.stringify({ hmac: HOOK_SECRET })],
    );
    await ds.destroy();
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env.SECRETS_KEY;
    else process.env.SECRETS_KEY = saved;
    await dropDatabase(env);
  });

  const migrate = async () => {
    const ds = await new DataSource(dataSourceOptions(env)).initialize();
    try {
      return await ds.runMigrations({ transaction: 'each' });
    } finally {
      await ds.destroy();
    }
  };

  it('without SECRETS_KEY it stops with a clear message and changes nothing', async () => {
    delete process.env.SECRETS_KEY;
    await expect(migrate()).rejects.toThrow(/SECRETS_KEY is not set, and 1 webhook\(s\) have secrets or passwords to encrypt/);
    const ds = await new DataSource(dataSourceOptions(env)).initialize();
    const [row] = await ds.query("SELECT secret FROM webhooks WHERE name = 'old'");
    const [column] = await ds.query(
      "SELECT DATA_TYPE AS type FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'webhooks' AND COLUMN_NAME = 'secret'",
      [env.DB_NAME],
    );
    await ds.destroy();
    expect(row.secret).toBe(SECRET);
    expect(column.type).toBe('varchar');
  });

  it('with the key it seals every plaintext secret and password, and the app opens them', async () => {
    process.env.SECRETS_KEY = TEST_SECRETS_KEY;
    // The two that seal, first; whatever came later runs after them.
    expect((await migrate()).map((m) => m.name).slice(0, 2)).toEqual([
      expect.stringMatching(/^SecretsAtRest/),
      expect.stringMatching(/^InboundTriggerSecretsSealed/),
    ]);
    const ds = await new DataSource(dataSourceOptions(env)).initialize();
    const rows = await ds.query('SELECT name, secret, previousSecret, basicAuthPassword, secretHint FROM webhooks ORDER BY id');
    await ds.destroy();
    const box = SecretBox.fromText(TEST_SECRETS_KEY);
    expect(rows[0]).toMatchObject({
      name: 'old',
      secret: expect.stringMatching(SEALED),
      previousSecret: expect.stringMatching(SEALED),
      basicAuthPassword: expect.stringMatching(SEALED),
      secretHint: '••••••0042',
    });
    expect([box.open(rows[0].secret), box.open(rows[0].previousSecret), box.open(rows[0].basicAuthPassword)]).toEqual([SECRET, OLD_SECRET, PASSWORD]);
    expect(rows[1]).toMatchObject({ name: 'none', secret: null, previousSecret: null, basicAuthPassword: null, secretHint: null });
    expect(JSON.stringify(rows)).not.toContain(SECRET);
    const check = await new DataSource(dataSourceOptions(env)).initialize();
    const [hook] = await check.query('SELECT * FROM inbound_triggers');
    await check.destroy();
    expect(hook.hmacSecret).toMatch(SEALED);
    expect(box.open(hook.hmacSecret)).toBe(HOOK_SECRET);
    expect((typeof hook.checks === 'string' ? JSON.parse(hook.checks) : hook.checks).hmac.hint).toBe(`••••••${HOOK_SECRET.slice(-4)}`);
    expect(JSON.stringify(hook)).not.toContain(HOOK_SECRET);
  });
});
