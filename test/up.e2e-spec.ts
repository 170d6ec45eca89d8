import { spawn, spawnSync, type ChildProcess } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { connect, createServer, type AddressInfo } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import type { Page } from 'playwright-core';
import { DEMO_ROLE_USERS, DEMO_USER, DEMO_WEBHOOK_NAME } from '../src/seed/demo-data';
import { chooseTestSend, expect, launchBrowser, searchAndPick, signIn, type TestBrowser } from './support/browser';
import { freePort, ROOT } from './support/processes';
import { until } from './support/until';

interface Received {
  at: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: any;
  signature: 'ok' | 'bad' | 'none';
}

/** Whether something accepts connections on the port (the services, api and receiver, before and after the stop). */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * A newcomer's first minute, as the README tells it: `npm run up` (the real scripts/up.sh, its own
 * data dir and ports), sign in to the console with the demo login, test-send on the seeded
 * `Demo receiver` webhook, and the demo receiver gets it with a valid X-Clab-Hmac-Signature.
 */
describe('npm run up: the console test send reaches the demo receiver', () => {
  let dir: string;
  let ports: { api: number; receiver: number; metrics: number; db: number; redis: number };
  let up: ChildProcess;
  let upExit: Promise<number | null>;
  let output = '';
  let b: TestBrowser;
  let page: Page;
  let base: string;

  const received = async (): Promise<Received[]> => (await fetch(`http://127.0.0.1:${ports.receiver}/_received`)).json() as Promise<Received[]>;

  beforeAll(async () => {
    // CI runs this after `npm test` built dist/ and console/dist; HERALD_SKIP_BUILD=1 keeps up.sh from building again.
    expect(existsSync(join(ROOT, 'dist', 'src', 'seed', 'seed-demo.js'))).toBe(true);
    expect(existsSync(join(ROOT, 'console', 'dist', 'index.html'))).toBe(true);
    dir = mkdtempSync(join(tmpdir(), 'herald-up-'));
    ports = { api: await freePort(), receiver: await freePort(), metrics: await freePort(), db: await freePort(), redis: await freePort() };
    up = spawn('bash', [join(ROOT, 'scripts', 'up.sh')], {
      cwd: ROOT,
      // Only what a person's shell would have: none of the test run's DB_*, REDIS_* or NODE_ENV.
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        HERALD_DATA_DIR: dir,
        HERALD_SKIP_BUILD: '1',
        PORT: String(ports.api),
        RECEIVER_PORT: String(ports.receiver),
        METRICS_PORT: String(ports.metrics),
        DB_PORT: String(ports.db),
        REDIS_PORT: String(ports.redis),
      },
      // Its own process group: the cleanup can end whatever it left if the test fails half-way.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    up.stdout!.on('data', (c: Buffer) => {
      output += c.toString();
    });
    up.stderr!.on('data', (c: Buffer) => {
      output += c.toString();
    });
    upExit = new Promise((resolve) => up.on('exit', (code) => resolve(code)));
    // A fresh MariaDB data dir, the migrations and the seed: about half a minute on a quiet machine.
    await until(
      () => output,
      (o) => /Herald is up/.test(o) || up.exitCode !== null,
      180_000,
      '"Herald is up"',
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${output}`);
    });
    if (!/Herald is up/.test(output)) throw new Error(`up.sh exited with ${up.exitCode}:\n${output}`);
    base = `http://localhost:${ports.api}`;
    b = await launchBrowser('up');
    page = b.page;
  }, 240_000);

  afterAll(async () => {
    await b?.close();
    if (up && up.exitCode === null && up.signalCode === null) process.kill(-up.pid!, 'SIGKILL');
    if (dir) {
      spawnSync('bash', [join(ROOT, 'scripts', 'services.sh'), 'stop', '--data', dir], { env: { PATH: process.env.PATH } });
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('prints a banner that says where the key, the admin token and the receiver are, and how to stop', () => {
    const banner = output.slice(output.indexOf('Herald is up'));
    const key = readFileSync(join(dir, 'demo-api-key'), 'utf8').trim();
    expect(banner).toContain(`sign in: ${DEMO_USER.email} / ${DEMO_USER.password} (owner)`);
    for (const user of DEMO_ROLE_USERS) expect(banner).toContain(`${user.email} (${user.role})`);
    expect(banner).toContain(key);
    expect(banner).toContain(`kept in ${dir}/demo-api-key`);
    expect(banner).toContain(`KEY=$(cat ${dir}/demo-api-key)`);
    expect(banner).toContain(`kept in ${dir}/admin-token`);
    expect(banner).toContain(`http://127.0.0.1:${ports.receiver}/dmhub, DM Hub signed`);
    expect(banner).toContain(`http://127.0.0.1:${ports.metrics}/metrics (worker)`);
    expect(banner).toContain(`npm run services:stop -- --data ${dir}`);
    expect(output).toContain(`[receiver] listening on http://127.0.0.1:${ports.receiver}/`);
  });

  it('serves the worker metrics on METRICS_PORT', async () => {
    const res = await fetch(`http://127.0.0.1:${ports.metrics}/metrics`);
    expect(res.status).toBe(200);
  });

  it('signs in with the demo login, opens the seeded Demo receiver webhook and test-sends to the receiver', async () => {
    await signIn(page, base, DEMO_USER);
    // Sign-in lands on 概览; the seeded webhook is on the webhook list.
    await page.getByRole('menuitem', { name: /Webhook/ }).click();
    await page.waitForURL(/\/webhooks$/);
    const link = page.getByRole('link', { name: DEMO_WEBHOOK_NAME });
    await expect(link).toBeVisible();
    await b.shot('01-webhooks');
    await link.click();
    await page.waitForURL(/\/webhooks\/\d+$/);
    const webhookId = Number(new URL(page.url()).pathname.split('/').pop());
    expect(output).toContain(`webhook "${DEMO_WEBHOOK_NAME}" (id ${webhookId})`);
    await expect(page.locator('#url')).toHaveValue(`http://127.0.0.1:${ports.receiver}/dmhub`);
    await b.shot('02-demo-receiver-webhook');

    await page.getByRole('button', { name: '发送消息' }).click();
    const modal = page.locator('.ant-modal');
    // fill, not keystrokes (searchAndPick): a key typed before the search box has focus (the modal still opening) was lost.
    await searchAndPick(page, await chooseTestSend(modal), '13800138001', '张伟');
    await page.getByTestId('submit-test-send').click();
    const result = page.getByTestId('test-result');
    await expect(result.getByText('HTTP 200').first()).toBeVisible();
    await expect(result.getByTestId('delivery-status')).toHaveText('成功');
    await expect(page.getByTestId('response-body')).toContainText('"success": true');
    await b.shot('03-test-send-result');

    const all = await until(received, (messages) => messages.some((m) => m.path === '/dmhub'), 15_000, 'the message at the receiver');
    const message = all.find((m) => m.path === '/dmhub')!;
    expect(message).toMatchObject({ method: 'POST', signature: 'ok', headers: { 'x-herald-event': 'webhook/test' } });
    expect(message.headers['x-clab-hmac-signature']).toMatch(/^[0-9a-f]{64}$/);
    expect(message.body.customer).toMatchObject({ name: '张伟', mobile: '13800138001' });
    expect(output).toMatch(/signature {2}X-Clab-Hmac-Signature ok/);

    await page.keyboard.press('Escape');
    // Back through the menu, not a fresh load: the list cached before the send must not be what is shown.
    await page.getByRole('menuitem', { name: 'Webhook' }).click();
    const row = page.locator('tr', { has: page.getByRole('link', { name: DEMO_WEBHOOK_NAME }) });
    await expect(row.getByText('HTTP 200')).toBeVisible();
    await b.shot('04-webhooks-last-outcome');
  });

  it('seeds again without a second Demo receiver, and takes a changed receiver secret', async () => {
    const seed = (secret: string) =>
      spawnSync(process.execPath, [join(ROOT, 'dist', 'src', 'seed', 'seed-demo.js'), join(dir, 'demo-api-key')], {
        cwd: ROOT,
        encoding: 'utf8',
        env: {
          PATH: process.env.PATH,
          DB_PORT: String(ports.db),
          REDIS_PORT: String(ports.redis),
          SECRETS_KEY: readFileSync(join(dir, 'secrets-key'), 'utf8').trim(),
          DEMO_RECEIVER_URL: `http://127.0.0.1:${ports.receiver}/`,
          DEMO_RECEIVER_SECRET: secret,
        },
      });
    const webhookId = (out: string) => Number(/^DEMO_WEBHOOK_ID=(\d+)$/m.exec(out)?.[1]);
    const first = Number(/"Demo receiver" \(id (\d+)\)/.exec(output)?.[1]);
    const again = seed(readFileSync(join(dir, 'receiver-secret'), 'utf8').trim());
    expect(again.status).toBe(0);
    expect(webhookId(again.stdout)).toBe(first);
    // Signed with a secret the running receiver does not have: it answers 401, and says BAD.
    const changed = seed('a-secret-the-receiver-lacks');
    expect(webhookId(changed.stdout)).toBe(first);
    const key = readFileSync(join(dir, 'demo-api-key'), 'utf8').trim();
    const res = await fetch(`http://127.0.0.1:${ports.api}/api/webhooks/${first}/test`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ customerId: 1 }),
    });
    expect(await res.json()).toMatchObject({ status: 'failed', lastStatusCode: 401 });
    const all = await received();
    expect(all[all.length - 1]).toMatchObject({ path: '/dmhub', signature: 'bad' });
    expect(output).toMatch(/signature {2}X-Clab-Hmac-Signature BAD/);
  });

  it('stops api, worker and receiver on SIGTERM, and services:stop --data stops its databases', async () => {
    process.kill(up.pid!, 'SIGTERM');
    await until(
      () => up.exitCode !== null || up.signalCode !== null,
      (done) => done,
      30_000,
      'up.sh to exit',
    );
    await upExit;
    await until(
      async () => [await listening(ports.api), await listening(ports.receiver), await listening(ports.metrics)],
      (open) => open.every((o) => !o),
      20_000,
      'api, receiver and worker metrics to close',
    );
    expect(await listening(ports.db)).toBe(true);
    // No DB_PORT or REDIS_PORT: the data dir says which servers are its own.
    const stop = spawnSync('bash', [join(ROOT, 'scripts', 'services.sh'), 'stop', '--data', dir], { env: { PATH: process.env.PATH }, encoding: 'utf8' });
    expect(stop.status).toBe(0);
    expect(stop.stderr).toContain('MariaDB stopped');
    expect(stop.stderr).toContain('Redis stopped');
    expect([await listening(ports.db), await listening(ports.redis)]).toEqual([false, false]);
  }, 60_000);
});

describe('npm run up on a taken port', () => {
  it('stops before starting anything, naming the port (an old instance there answered the health check)', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const dir = mkdtempSync(join(tmpdir(), 'herald-up-taken-'));
    try {
      const run = spawnSync('bash', [join(ROOT, 'scripts', 'up.sh')], {
        env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), HERALD_DATA_DIR: dir },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`port ${port} (PORT) is in use`);
      expect(existsSync(join(dir, 'mariadb'))).toBe(false);
    } finally {
      server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
