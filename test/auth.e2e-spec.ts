import { createHash } from 'crypto';
import request from 'supertest';
import { CredentialEpochs } from '../src/tenants/credential-epochs.service';
import { createTenant, createTestApp, testEnv, TestApp, TestTenant } from './support/test-app';

/** The session cookie from a login answer, as a Cookie header value. */
function sessionCookie(res: request.Response): string {
  const header = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('herald_session='));
  if (!header) throw new Error(`no session cookie in ${JSON.stringify(res.headers)}`);
  return header.split(';')[0];
}

describe('console sign-in (auth module)', () => {
  let t: TestApp;
  let a: TestTenant;
  let b: TestTenant;

  beforeAll(async () => {
    t = await createTestApp(await testEnv({ TRUST_PROXY: 'loopback' })); // X-Forwarded-Proto counts only from a trusted proxy
    a = await createTenant(t, 'Tenant A');
    b = await createTenant(t, 'Tenant B');
    await t.http().post('/api/console-users').set(a.auth).send({ email: 'Ann@Example.com', password: 'correct horse', name: 'Ann' }).expect(201);
    await t.http().post('/api/console-users').set(b.auth).send({ email: 'bob@example.com', password: 'battery staple' }).expect(201);
  });
  afterAll(() => t.close());

  const login = (email: string, password: string) => t.http().post('/api/auth/login').send({ email, password });

  it('signs in with an httpOnly, SameSite=Strict session cookie and answers who is signed in', async () => {
    const res = await login('ann@example.com', 'correct horse').expect(200);
    expect(res.body).toEqual({
      via: 'session',
      tenant: { id: a.id, name: 'Tenant A' },
      // The tenant's first user is its owner: every permission, contact fields unmasked.
      user: expect.objectContaining({ email: 'ann@example.com', name: 'Ann', role: 'owner' }),
      role: 'owner',
      scopes: null,
      permissions: expect.arrayContaining(['webhooks:write', 'users:write', 'keys:write', 'audit:read', 'customers:contact']),
    });
    expect(JSON.stringify(res.body)).not.toMatch(/password|hash/i);
    const raw = ([] as string[]).concat(res.headers['set-cookie'])[0];
    expect(raw).toMatch(/^herald_session=[A-Za-z0-9_-]{43};/);
    expect(raw).toMatch(/; HttpOnly/);
    expect(raw).toMatch(/; SameSite=Strict/);
    expect(raw).toMatch(/; Path=\//);
    expect(raw).toMatch(/; Expires=/);
    expect(raw).not.toMatch(/; Secure/); // plain http here
    const me = await t.http().get('/api/auth/me').set('Cookie', sessionCookie(res)).expect(200);
    expect(me.body.user.email).toBe('ann@example.com');
  });

  it('sets Secure when the request came over https (behind a trusted proxy)', async () => {
    const res = await login('ann@example.com', 'correct horse').set('X-Forwarded-Proto', 'https').expect(200);
    expect(([] as string[]).concat(res.headers['set-cookie'])[0]).toMatch(/; Secure/);
  });

  it('stores only the hash of the session token and a bcrypt hash of the password', async () => {
    const res = await login('ann@example.com', 'correct horse').expect(200);
    const token = sessionCookie(res).split('=')[1];
    const sessions: { tokenHash: string }[] = await t.db.query('SELECT tokenHash FROM console_sessions');
    expect(sessions.every((s) => /^[0-9a-f]{64}$/.test(s.tokenHash) && s.tokenHash !== token)).toBe(true);
    const [user] = await t.db.query("SELECT passwordHash FROM console_users WHERE email = 'ann@example.com'");
    expect(user.passwordHash).toMatch(/^\$2[aby]\$12\$/);
  });

  it('refuses a wrong password or an unknown email with the same 401', async () => {
    const wrong = await login('ann@example.com', 'wrong password').expect(401);
    const unknown = await login('nobody@example.com', 'correct horse').expect(401);
    expect(wrong.body).toEqual({ statusCode: 401, error: 'Unauthorized', code: 'login_failed', message: 'Wrong email or password' });
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('validates login input with a 400 naming the field', async () => {
    const res = await t.http().post('/api/auth/login').send({ email: 'not-an-email', password: '', extra: 1 }).expect(400);
    expect(Object.keys(res.body.fields).sort()).toEqual(['email', 'extra', 'password']);
  });

  it('accepts the session on other routes, scoped to its tenant (another tenant id answers 404)', async () => {
    const cookie = sessionCookie(await login('ann@example.com', 'correct horse').expect(200));
    const customer = await t.http().post('/api/customers').set('Cookie', cookie).send({ name: '张伟', mobile: '13800138001' }).expect(201);
    await t.http().get(`/api/customers/${customer.body.id}`).set(a.auth).expect(200);
    await t.http().get(`/api/customers/${customer.body.id}`).set(b.auth).expect(404);
    const bob = sessionCookie(await login('bob@example.com', 'battery staple').expect(200));
    await t.http().get(`/api/customers/${customer.body.id}`).set('Cookie', bob).expect(404);
    const list = await t.http().get('/api/customers').set('Cookie', bob).expect(200);
    expect(list.body.items).toEqual([]);
  });

  it('logout ends the session server-side: the old cookie is refused afterwards', async () => {
    const cookie = sessionCookie(await login('ann@example.com', 'correct horse').expect(200));
    await t.http().get('/api/webhooks').set('Cookie', cookie).expect(200);
    const out = await t.http().post('/api/auth/logout').set('Cookie', cookie).expect(204);
    expect(([] as string[]).concat(out.headers['set-cookie'])[0]).toMatch(/^herald_session=;.*Expires=Thu, 01 Jan 1970/);
    const res = await t.http().get('/api/webhooks').set('Cookie', cookie).expect(401);
    expect(res.body.message).toMatch(/sign in again/);
    await t.http().post('/api/auth/logout').expect(204);
    // A body it does not read is refused like on any route, and the document says so.
    await t.http().post('/api/auth/logout').set('Content-Type', 'text/plain').send('bye').expect(415);
  });

  it('refuses an expired session and slides the expiry of a used one', async () => {
    const cookie = sessionCookie(await login('ann@example.com', 'correct horse').expect(200));
    const hash = createHash('sha256').update(cookie.split('=')[1]).digest('hex');
    // Used a day after sign-in: the expiry moves forward and the cookie is sent again.
    await t.db.query('UPDATE console_sessions SET expiresAt = NOW(3) + INTERVAL 6 DAY WHERE tokenHash = ?', [hash]);
    const used = await t.http().get('/api/auth/me').set('Cookie', cookie).expect(200);
    expect(([] as string[]).concat(used.headers['set-cookie'] ?? [])[0]).toMatch(/^herald_session=/);
    const [row] = await t.db.query('SELECT expiresAt FROM console_sessions WHERE tokenHash = ?', [hash]);
    expect(new Date(row.expiresAt).getTime()).toBeGreaterThan(Date.now() + 6.9 * 86_400_000);
    await t.db.query('UPDATE console_sessions SET expiresAt = NOW(3) - INTERVAL 1 SECOND WHERE tokenHash = ?', [hash]);
    // Sessions are cached in the api: an edit behind its back is seen after the tenant's credential epoch moves.
    await t.app.get(CredentialEpochs).bump(a.id);
    await t.http().get('/api/auth/me').set('Cookie', cookie).expect(401);
  });

  it('still takes API keys, and a bearer key wins over a cookie', async () => {
    const me = await t.http().get('/api/auth/me').set(a.auth).expect(200);
    expect(me.body).toMatchObject({ via: 'apiKey', user: null, role: null, scopes: ['admin'], tenant: { id: a.id, name: 'Tenant A' } });
    expect(me.body.permissions).toEqual(expect.arrayContaining(['webhooks:write', 'users:write', 'customers:contact']));
    const bob = sessionCookie(await login('bob@example.com', 'battery staple').expect(200));
    const both = await t.http().get('/api/auth/me').set(a.auth).set('Cookie', bob).expect(200);
    expect(both.body.tenant.id).toBe(a.id);
    await t.http().get('/api/auth/me').set('Cookie', 'herald_session=forged').expect(401);
    await t.http().get('/api/auth/me').expect(401);
  });

  it('manages console users per tenant: list, duplicate email 409, delete ends their sessions, other tenant 404', async () => {
    const created = await t.http().post('/api/console-users').set(a.auth).send({ email: 'temp@example.com', password: 'temporary pw' }).expect(201);
    expect(created.body).not.toHaveProperty('passwordHash');
    const taken = await t.http().post('/api/console-users').set(b.auth).send({ email: 'TEMP@example.com', password: 'another pw' }).expect(409);
    expect(taken.body).toMatchObject({ code: 'console_user_email_taken', params: { email: 'temp@example.com' } });
    const bad = await t.http().post('/api/console-users').set(a.auth).send({ email: 'x', password: 'short' }).expect(400);
    expect(Object.keys(bad.body.fields).sort()).toEqual(['email', 'password']);
    const list = await t.http().get('/api/console-users').set(a.auth).expect(200);
    expect(list.body.items.map((u: { email: string }) => u.email)).toEqual(['ann@example.com', 'temp@example.com']);
    expect(list.body.nextCursor).toBeNull();
    const firstPage = await t.http().get('/api/console-users?limit=1').set(a.auth).expect(200);
    expect(firstPage.body.items.map((u: { email: string }) => u.email)).toEqual(['ann@example.com']);
    const secondPage = await t.http().get(`/api/console-users?limit=1&after=${firstPage.body.nextCursor}`).set(a.auth).expect(200);
    expect(secondPage.body.items.map((u: { email: string }) => u.email)).toEqual(['temp@example.com']);
    expect(JSON.stringify(list.body)).not.toMatch(/hash|password/i);
    const cookie = sessionCookie(await login('temp@example.com', 'temporary pw').expect(200));
    const foreign = await t.http().delete(`/api/console-users/${created.body.id}`).set(b.auth).expect(404);
    expect(foreign.body).toMatchObject({ code: 'console_user_not_found', params: { id: created.body.id } });
    await t.http().delete(`/api/console-users/${created.body.id}`).set('Cookie', cookie).expect(204);
    await t.http().get('/api/auth/me').set('Cookie', cookie).expect(401);
  });

  it('rate-limits failed passwords per email with 429 and Retry-After, even for the right password', async () => {
    await t.http().post('/api/console-users').set(a.auth).send({ email: 'target@example.com', password: 'the real one' }).expect(201);
    for (let i = 0; i < 10; i++) await login('target@example.com', `guess ${i}`).expect(401);
    const res = await login('target@example.com', 'the real one').expect(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      code: 'login_rate_limited',
      message: expect.stringMatching(/try again in \d+ s/),
      params: { retryAfterSeconds: Number(res.headers['retry-after']) },
    });
    await login('ann@example.com', 'correct horse').expect(200); // other emails are not affected
  });
});

describe('console sign-in rate limit per client address', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(await testEnv({ LOGIN_MAX_ATTEMPTS_PER_ADDRESS: '3' }));
    const a = await createTenant(t, 'Tenant A');
    await t.http().post('/api/console-users').set(a.auth).send({ email: 'ann@example.com', password: 'correct horse' }).expect(201);
  });
  afterAll(() => t.close());

  it('counts every attempt from one address, whatever the email', async () => {
    await t.http().post('/api/auth/login').send({ email: 'a@example.com', password: 'x' }).expect(401);
    await t.http().post('/api/auth/login').send({ email: 'b@example.com', password: 'x' }).expect(401);
    await t.http().post('/api/auth/login').send({ email: 'ann@example.com', password: 'correct horse' }).expect(200);
    const res = await t.http().post('/api/auth/login').send({ email: 'ann@example.com', password: 'correct horse' }).expect(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(800);
  });
});
