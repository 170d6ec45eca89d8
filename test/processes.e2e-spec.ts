import { hashSync } from 'bcryptjs';
import { existsSync } from 'fs';
import { createConnection } from 'mysql2/promise';
import { join } from 'path';
import type { Env } from '../src/config/env';
import { dropDatabase } from '../src/database/ensure-database';
import { childEnv, freePort, ROOT, runEntrypoint } from './support/processes';
import { testEnv } from './support/test-app';

/** The built entrypoints, as deployed: boot, serve, refuse bad config, stop cleanly on SIGTERM. */
describe('api and worker processes', () => {
  let env: Env;

  beforeAll(async () => {
    expect(existsSync(join(ROOT, 'dist', 'src', 'main.js'))).toBe(true);
    env = await testEnv();
  });
  afterAll(() => dropDatabase(env));

  it.each([
    ['main.js', { DB_PORT: 'not-a-port' }, /DB_PORT/],
    ['worker.js', { REDIS_PORT: '99999' }, /REDIS_PORT/],
    ['main.js', { DB_TYPE: 'postgres' }, /DB_TYPE/],
    ['main.js', { ADMIN_TOKEN: 'short' }, /ADMIN_TOKEN/],
    ['main.js', { SECRETS_KEY: '' }, /SECRETS_KEY: is required/],
    ['worker.js', { SECRETS_KEY: '' }, /SECRETS_KEY: is required/],
    ['worker.js', { SECRETS_KEY: 'not-a-32-byte-key' }, /SECRETS_KEY must be 32 bytes/],
    ['main.js', { NODE_ENV: 'production', SECRETS_KEY: '' }, /SECRETS_KEY is required in production/],
  ])('%s refuses to boot with %j, naming the variable', async (script, bad, pattern) => {
    const p = runEntrypoint(script, childEnv(env, bad as Record<string, string>));
    const { code } = await p.exited;
    expect(code).toBe(1);
    expect(p.output()).toMatch(pattern);
    expect(p.output()).not.toContain('not-a-32-byte-key');
  });

  it('api serves health and stops gracefully on SIGTERM', async () => {
    const port = await freePort();
    const p = runEntrypoint('main.js', childEnv(env, { PORT: String(port), HOST: '127.0.0.1' }));
    await p.waitFor(/Nest application successfully started/);
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    p.child.kill('SIGTERM');
    const exit = await p.exited;
    expect(exit.signal === 'SIGTERM' || exit.code === 0).toBe(true);
    expect(p.output()).toMatch(/shutdown complete \(SIGTERM\)/);
  });

  it('worker boots without HTTP and stops gracefully on SIGTERM', async () => {
    const p = runEntrypoint('worker.js', childEnv(env));
    await p.waitFor(/worker started/);
    expect(p.output()).not.toMatch(/Nest application successfully started/);
    p.child.kill('SIGTERM');
    await p.exited;
    expect(p.output()).toMatch(/shutdown complete \(SIGTERM\)/);
  });

  it('logs requests as JSON without the Authorization header', async () => {
    const port = await freePort();
    const p = runEntrypoint('main.js', childEnv(env, { PORT: String(port), HOST: '127.0.0.1' }));
    await p.waitFor(/Nest application successfully started/);
    const secret = 'hk_this-key-must-never-be-logged';
    const res = await fetch(`http://127.0.0.1:${port}/api/customers`, { headers: { Authorization: `Bearer ${secret}` } });
    expect(res.status).toBe(401);
    await p.waitFor(/"statusCode":401|"res":\{"statusCode":401/);
    p.child.kill('SIGTERM');
    await p.exited;
    const lines = p
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(p.output()).not.toContain(secret);
    expect(p.output()).toContain('[masked]');
  });

  it('logs a console sign-in without the password, the session cookie or Set-Cookie', async () => {
    const password = 'password-never-logged-42';
    const db = await createConnection({ host: env.DB_HOST, port: env.DB_PORT, user: env.DB_USER, password: env.DB_PASSWORD, database: env.DB_NAME });
    const [tenant] = await db.query("INSERT INTO tenants (name) VALUES ('Logs')");
    await db.query('INSERT INTO console_users (tenantId, email, passwordHash) VALUES (?, ?, ?)', [
      (tenant as { insertId: number }).insertId,
      'logs@example.com',
      hashSync(password, 4),
    ]);
    await db.end();
    const port = await freePort();
    const p = runEntrypoint('main.js', childEnv(env, { PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'debug' }));
    await p.waitFor(/Nest application successfully started/);
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'logs@example.com', password }),
    });
    expect(login.status).toBe(200);
    const token = /herald_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')![1];
    const me = await fetch(`http://127.0.0.1:${port}/api/auth/me`, { headers: { Cookie: `herald_session=${token}` } });
    expect(me.status).toBe(200);
    await p.waitFor(/"url":"\/api\/auth\/me"/);
    p.child.kill('SIGTERM');
    await p.exited;
    expect(p.output()).toContain('/api/auth/login');
    expect(p.output()).not.toContain(password);
    expect(p.output()).not.toContain(token);
    // The headers are logged, masked: the redaction is what keeps them out.
    expect(p.output()).toMatch(/"set-cookie":"\[masked\]"/);
    expect(p.output()).toMatch(/"cookie":"\[masked\]"/);
  });
});
