import { until } from './support/until';
import { createTenant, createTestApp, TestApp, TestTenant } from './support/test-app';

function sessionCookie(res: { headers: Record<string, unknown> }): string {
  const header = ([] as string[]).concat((res.headers['set-cookie'] as string[]) ?? []).find((c) => c.startsWith('herald_session='));
  if (!header) throw new Error('no session cookie');
  return header.split(';')[0];
}

/** The `problems` paths of a 400 validation answer. */
const problemPaths = (body: { problems?: { path: string }[] }) => (body.problems ?? []).map((p) => p.path);

/** Scoped API keys (expiry, scopes, last use) and the owner rules of console users. */
describe('scoped keys and team roles', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  describe('API keys', () => {
    let a: TestTenant;
    beforeAll(async () => {
      a = await createTenant(t, 'Keys');
    });

    it('refuses an expired key with 401 api_key_invalid: a cached one as soon as it expires, one expired behind the api too', async () => {
      const soon = new Date(Date.now() + 1500).toISOString();
      const issued = await t
        .http()
        .post('/api/api-keys')
        .set(a.auth)
        .send({ name: 'short', scopes: ['events:read'], expiresAt: soon })
        .expect(201);
      expect(issued.body.expiresAt).toBe(soon);
      const key = { Authorization: `Bearer ${issued.body.key}` };
      await t.http().get('/api/events').set(key).expect(200);
      // The same key, known to this instance, stops at its expiry without anything else happening.
      const refused = await until(
        () => t.http().get('/api/events').set(key),
        (res) => res.status !== 200,
        10_000,
        'the key to expire',
      );
      expect(refused.status).toBe(401);
      expect(refused.body.code).toBe('api_key_invalid');
      // A key never used, whose expiry passed (here moved behind the api's back).
      const other = await t
        .http()
        .post('/api/api-keys')
        .set(a.auth)
        .send({ name: 'later', expiresAt: new Date(Date.now() + 3_600_000).toISOString() })
        .expect(201);
      await t.db.query('UPDATE api_keys SET expiresAt = NOW(3) - INTERVAL 1 SECOND WHERE id = ?', [other.body.id]);
      const res = await t.http().get('/api/auth/me').set('Authorization', `Bearer ${other.body.key}`).expect(401);
      expect(res.body.code).toBe('api_key_invalid');
      // The tenant's other keys are unaffected.
      await t.http().get('/api/auth/me').set(a.auth).expect(200);
    });

    it('answers 400 naming expiresAt for a past or malformed expiry, and scopes for an unknown or empty scope', async () => {
      const bad: [Record<string, unknown>, string][] = [
        [{ expiresAt: new Date(Date.now() - 60_000).toISOString() }, 'expiresAt'],
        [{ expiresAt: 'tomorrow' }, 'expiresAt'],
        [{ expiresAt: '2030-13-45T99:00:00Z' }, 'expiresAt'],
        [{ expiresAt: 1893456000000 }, 'expiresAt'],
        [{ scopes: ['customers:delete'] }, 'scopes'],
        [{ scopes: ['admin', 'everything'] }, 'scopes'],
        [{ scopes: [] }, 'scopes'],
        [{ scopes: 'admin' }, 'scopes'],
      ];
      for (const [fields, path] of bad) {
        const res = await t
          .http()
          .post('/api/api-keys')
          .set(a.auth)
          .send({ name: 'bad', ...fields });
        expect({ fields, status: res.status, code: res.body.code }).toEqual({ fields, status: 400, code: 'validation_failed' });
        expect(problemPaths(res.body).some((p) => p === path || p.startsWith(`${path}[`))).toBe(true);
      }
      const list = await t.http().get('/api/api-keys').set(a.auth).expect(200);
      expect(list.body.items.filter((k: { name: string }) => k.name === 'bad')).toEqual([]);
    });

    it('moves lastUsedAt when a key is used', async () => {
      const issued = await t
        .http()
        .post('/api/api-keys')
        .set(a.auth)
        .send({ name: 'used', scopes: ['customers:read'] })
        .expect(201);
      const view = async () =>
        (await t.http().get('/api/api-keys?limit=200').set(a.auth).expect(200)).body.items.find((k: { id: number }) => k.id === issued.body.id);
      expect((await view()).lastUsedAt).toBeNull();
      const before = Date.now() - 1000;
      await t.http().get('/api/customers').set('Authorization', `Bearer ${issued.body.key}`).expect(200);
      const used = await view();
      expect(new Date(used.lastUsedAt).getTime()).toBeGreaterThanOrEqual(before);
      expect(used.scopes).toEqual(['customers:read']);
    });
  });

  describe('owners', () => {
    let a: TestTenant;
    const sessions: Record<string, string> = {};
    const ids: Record<string, number> = {};
    const as = (who: string) => ({ Cookie: sessions[who] });

    async function user(email: string, role?: string): Promise<number> {
      const res = await t
        .http()
        .post('/api/console-users')
        .set(a.auth)
        .send({ email, password: 'correct horse', ...(role ? { role } : {}) });
      return res.status === 201 ? res.body.id : Promise.reject(new Error(`${res.status} ${JSON.stringify(res.body)}`));
    }
    const signIn = async (email: string) => sessionCookie(await t.http().post('/api/auth/login').send({ email, password: 'correct horse' }).expect(200));
    const owners = async () => Number((await t.db.query("SELECT COUNT(*) AS n FROM console_users WHERE tenantId = ? AND role = 'owner'", [a.id]))[0].n);

    beforeAll(async () => {
      a = await createTenant(t, 'Owners');
      // The first user is the owner whatever the request asked.
      ids.first = await user('first@owners.example', 'analyst');
      ids.admin = await user('admin@owners.example', 'admin');
      for (const who of ['first', 'admin']) sessions[who] = await signIn(`${who}@owners.example`);
    });

    it('makes the first user of a tenant its owner, later ones what was asked (admin by default)', async () => {
      const list = await t.http().get('/api/console-users').set(a.auth).expect(200);
      expect(list.body.items.map((u: { email: string; role: string }) => [u.email, u.role])).toEqual([
        ['first@owners.example', 'owner'],
        ['admin@owners.example', 'admin'],
      ]);
      const plain = await user('plain@owners.example');
      expect((await t.http().get('/api/console-users').set(a.auth).expect(200)).body.items.find((u: { id: number }) => u.id === plain).role).toBe('admin');
      await t.http().delete(`/api/console-users/${plain}`).set(as('admin')).expect(204);
      const bad = await t
        .http()
        .post('/api/console-users')
        .set(a.auth)
        .send({ email: 'x@owners.example', password: 'correct horse', role: 'superuser' })
        .expect(400);
      expect(problemPaths(bad.body)).toContain('role');
    });

    it('refuses an admin who creates, promotes, demotes or removes an owner (403 naming owner); changes nothing', async () => {
      const forbidden = (res: { status: number; body: { code: string; params?: { permission?: string } } }) => {
        expect({ status: res.status, code: res.body.code, permission: res.body.params?.permission }).toEqual({
          status: 403,
          code: 'forbidden',
          permission: 'owner',
        });
      };
      forbidden(await t.http().post('/api/console-users').set(as('admin')).send({ email: 'o2@owners.example', password: 'correct horse', role: 'owner' }));
      forbidden(await t.http().patch(`/api/console-users/${ids.admin}`).set(as('admin')).send({ role: 'owner' }));
      forbidden(await t.http().patch(`/api/console-users/${ids.first}`).set(as('admin')).send({ role: 'marketer' }));
      forbidden(await t.http().delete(`/api/console-users/${ids.first}`).set(as('admin')));
      // An admin-scoped key is no owner either.
      forbidden(await t.http().patch(`/api/console-users/${ids.admin}`).set(a.auth).send({ role: 'owner' }));
      const rows = await t.db.query('SELECT email, role FROM console_users WHERE tenantId = ? ORDER BY id', [a.id]);
      expect(rows.map((r: { email: string; role: string }) => `${r.email}:${r.role}`)).toEqual(['first@owners.example:owner', 'admin@owners.example:admin']);
      // The admin still manages everyone else.
      const m = await t
        .http()
        .post('/api/console-users')
        .set(as('admin'))
        .send({ email: 'm@owners.example', password: 'correct horse', role: 'marketer' })
        .expect(201);
      await t.http().patch(`/api/console-users/${m.body.id}`).set(as('admin')).send({ role: 'analyst' }).expect(200);
      await t.http().delete(`/api/console-users/${m.body.id}`).set(as('admin')).expect(204);
    });

    it('keeps the last owner: demoting or removing them is 409 last_owner; an owner makes and unmakes owners', async () => {
      for (const res of [
        await t.http().patch(`/api/console-users/${ids.first}`).set(as('first')).send({ role: 'admin' }),
        await t.http().delete(`/api/console-users/${ids.first}`).set(as('first')),
      ]) {
        expect({ status: res.status, code: res.body.code }).toEqual({ status: 409, code: 'last_owner' });
      }
      expect(await owners()).toBe(1);
      await t.http().patch(`/api/console-users/${ids.admin}`).set(as('first')).send({ role: 'owner' }).expect(200);
      expect(await owners()).toBe(2);
      // The promotion holds on the next request: the former admin now manages owners.
      sessions.admin = await signIn('admin@owners.example');
      await t.http().patch(`/api/console-users/${ids.admin}`).set(as('admin')).send({ role: 'admin' }).expect(200);
      expect(await owners()).toBe(1);
    });

    it('two owners demoting each other at once leave exactly one owner', async () => {
      ids.second = await user('second@owners.example', 'admin');
      for (let round = 0; round < 4; round++) {
        await t.http().patch(`/api/console-users/${ids.second}`).set(as('first')).send({ role: 'owner' }).expect(200);
        const first = await signIn('first@owners.example');
        const second = await signIn('second@owners.example');
        const answers = await Promise.all([
          t.http().patch(`/api/console-users/${ids.second}`).set('Cookie', first).send({ role: 'admin' }),
          t.http().patch(`/api/console-users/${ids.first}`).set('Cookie', second).send({ role: 'admin' }),
        ]);
        // One wins; the other is 409 last_owner, or 403 when the winner's change reached its guard first (no owner any more).
        const lost = answers.find((r) => r.status !== 200);
        expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
        expect([`${lost?.status} ${lost?.body.code}`]).toEqual([expect.stringMatching(/^(409 last_owner|403 forbidden)$/)]);
        expect(await owners()).toBe(1);
        // Put the first user back as the owner for the next round.
        if (answers[0].status !== 200) {
          sessions.first = await signIn('first@owners.example');
          const s = await signIn('second@owners.example');
          await t.http().patch(`/api/console-users/${ids.first}`).set('Cookie', s).send({ role: 'owner' }).expect(200);
          await t
            .http()
            .patch(`/api/console-users/${ids.second}`)
            .set('Cookie', await signIn('first@owners.example'))
            .send({ role: 'admin' })
            .expect(200);
        }
        sessions.first = await signIn('first@owners.example');
      }
      expect(await owners()).toBe(1);
    });
  });
});
