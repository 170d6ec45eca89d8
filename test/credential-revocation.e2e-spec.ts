import { dropDatabase } from '../src/database/ensure-database';
import { Env } from '../src/config/env';
import { createTenant, createTestApp, flushRedisPrefix, testEnv, TestApp, TestTenant } from './support/test-app';

/** The session cookie from a login answer, as a Cookie header value. */
function sessionCookie(res: { headers: Record<string, unknown> }): string {
  const header = ([] as string[]).concat((res.headers['set-cookie'] as string[]) ?? []).find((c) => c.startsWith('herald_session='));
  if (!header) throw new Error('no session cookie');
  return header.split(';')[0];
}

/**
 * API keys and console sessions are cached in each api process; two api instances on one database
 * and one Redis show that a revocation on one holds on the very next request on the other.
 */
describe('credential revocation across api instances', () => {
  let env: Env;
  let one: TestApp;
  let two: TestApp;
  let a: TestTenant;

  beforeAll(async () => {
    env = await testEnv();
    one = await createTestApp(env);
    two = await createTestApp(env);
    a = await createTenant(one, 'Tenant A');
  });
  afterAll(async () => {
    await two.close();
    await one.close();
    await dropDatabase(env);
  });

  it('a key revoked on one instance is refused on the next request to the other', async () => {
    const created = await one.http().post('/api/api-keys').set(a.auth).send({ name: 'temp' }).expect(201);
    const temp = { Authorization: `Bearer ${created.body.key}` };
    // Known (cached) on both instances.
    for (let i = 0; i < 3; i++) {
      await two.http().get('/api/auth/me').set(temp).expect(200);
      await one.http().get('/api/auth/me').set(temp).expect(200);
    }
    await one.http().delete(`/api/api-keys/${created.body.id}`).set(a.auth).expect(200);
    const res = await two.http().get('/api/auth/me').set(temp).expect(401);
    expect(res.body.code).toBe('api_key_invalid');
    await one.http().get('/api/auth/me').set(temp).expect(401);
    // The tenant's other keys keep working on both.
    await two.http().get('/api/auth/me').set(a.auth).expect(200);
    await one.http().get('/api/auth/me').set(a.auth).expect(200);
  });

  it('the cache is real: a revocation behind the api (SQL) is seen once the epoch moves, or Redis forgets it', async () => {
    const created = await one.http().post('/api/api-keys').set(a.auth).send({ name: 'sql' }).expect(201);
    const key = { Authorization: `Bearer ${created.body.key}` };
    await two.http().get('/api/auth/me').set(key).expect(200);
    await two.http().get('/api/auth/me').set(key).expect(200);
    await one.db.query('UPDATE api_keys SET revokedAt = NOW(3) WHERE id = ?', [created.body.id]);
    await two.http().get('/api/auth/me').set(key).expect(200);
    // Redis lost its keys (a restart without persistence): a fresh epoch, so nothing cached before counts.
    await flushRedisPrefix(one);
    await two.http().get('/api/auth/me').set(key).expect(401);
  });

  it('a session signed out on one instance, or whose user was removed, is refused on the next request to the other', async () => {
    // The tenant's first user is its owner, whom a key may not remove: Ann is the second.
    await one.http().post('/api/console-users').set(a.auth).send({ email: 'owner@example.com', password: 'correct horse' }).expect(201);
    const user = await one.http().post('/api/console-users').set(a.auth).send({ email: 'ann@example.com', password: 'correct horse' }).expect(201);
    const login = () => one.http().post('/api/auth/login').send({ email: 'ann@example.com', password: 'correct horse' }).expect(200);
    const first = sessionCookie(await login());
    const second = sessionCookie(await login());
    for (const cookie of [first, second]) {
      await two.http().get('/api/auth/me').set('Cookie', cookie).expect(200);
      await two.http().get('/api/auth/me').set('Cookie', cookie).expect(200);
    }
    await one.http().post('/api/auth/logout').set('Cookie', first).expect(204);
    expect((await two.http().get('/api/auth/me').set('Cookie', first).expect(401)).body.code).toBe('session_expired');
    await two.http().get('/api/auth/me').set('Cookie', second).expect(200);
    await one.http().delete(`/api/console-users/${user.body.id}`).set(a.auth).expect(204);
    expect((await two.http().get('/api/auth/me').set('Cookie', second).expect(401)).body.code).toBe('session_expired');
  });
  it('a role changed on one instance holds on the next request to the other: an admin demoted to analyst cannot write', async () => {
    const owner = sessionCookie(await one.http().post('/api/auth/login').send({ email: 'owner@example.com', password: 'correct horse' }).expect(200));
    const bob = await one
      .http()
      .post('/api/console-users')
      .set(a.auth)
      .send({ email: 'bob@example.com', password: 'correct horse', role: 'admin' })
      .expect(201);
    const cookie = sessionCookie(await one.http().post('/api/auth/login').send({ email: 'bob@example.com', password: 'correct horse' }).expect(200));
    const write = (app: TestApp, name: string) => app.http().post('/api/groups').set('Cookie', cookie).send({ name, type: 'static' });
    // Known (cached) as an admin on both instances, and writing.
    await write(two, 'as admin on two').expect(201);
    await write(one, 'as admin on one').expect(201);
    await two.http().get('/api/auth/me').set('Cookie', cookie).expect(200);
    await one.http().patch(`/api/console-users/${bob.body.id}`).set('Cookie', owner).send({ role: 'analyst' }).expect(200);
    const refused = await write(two, 'as analyst on two').expect(403);
    expect(refused.body).toMatchObject({ code: 'forbidden', params: { permission: 'groups:write' } });
    expect((await two.http().get('/api/auth/me').set('Cookie', cookie).expect(200)).body.role).toBe('analyst');
    // Still signed in, reading.
    await two.http().get('/api/groups').set('Cookie', cookie).expect(200);
    const [{ n }] = await one.db.query("SELECT COUNT(*) AS n FROM customer_groups WHERE tenantId = ? AND name LIKE 'as analyst%'", [a.id]);
    expect(Number(n)).toBe(0);
  });
});
