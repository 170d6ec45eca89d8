/**
 * A whole Herald deployment for one chaos scenario: its own MariaDB and Redis (started by
 * scripts/services.sh under a private directory on free ports, so stopping them hurts no other
 * test), the built api and worker as separate processes, and helpers to hurt them.
 */
import { execFile } from 'child_process';
import { readFileSync, rmSync } from 'fs';
import { createConnection } from 'mysql2/promise';
import { join } from 'path';
import { promisify } from 'util';
import { freePort, ROOT, runEntrypoint, Spawned } from '../support/processes';
import { TEST_SECRETS_KEY } from '../support/test-app';
import { sleep } from '../support/until';

const run = promisify(execFile);
export const ADMIN = 'chaos-admin-token-0123456789';

export interface Proc {
  spawned: Spawned;
  port?: number;
}

export class ChaosStack {
  readonly apis: Proc[] = [];
  readonly workers: Proc[] = [];
  private constructor(
    readonly dir: string,
    readonly dbPort: number,
    readonly redisPort: number,
    readonly env: Record<string, string>,
  ) {}

  static async start(name: string, env: Record<string, string> = {}): Promise<ChaosStack> {
    const dir = join(ROOT, '.data', `chaos-${process.pid}-${name}`);
    const [dbPort, redisPort] = [await freePort(), await freePort()];
    const stack = new ChaosStack(dir, dbPort, redisPort, {
      NODE_ENV: 'test',
      DB_HOST: '127.0.0.1',
      DB_PORT: String(dbPort),
      DB_NAME: 'herald',
      DB_USER: 'root',
      DB_PASSWORD: '',
      REDIS_HOST: '127.0.0.1',
      REDIS_PORT: String(redisPort),
      REDIS_PREFIX: 'chaos',
      ADMIN_TOKEN: ADMIN,
      ALLOW_PRIVATE_TARGETS: 'true',
      SECRETS_KEY: TEST_SECRETS_KEY,
      LOG_LEVEL: 'warn',
      METRICS_PORT: '0',
      SWEEP_INTERVAL_MS: '500',
      SWEEP_GRACE_MS: '1000',
      ...env,
    });
    await stack.services('start');
    const migrate = runEntrypoint('database/migrate.js', stack.env);
    const { code } = await migrate.exited;
    if (code !== 0) throw new Error(`migration failed: ${migrate.output()}`);
    return stack;
  }

  private services(action: 'start' | 'stop') {
    return run('bash', [join(ROOT, 'scripts', 'services.sh'), action], {
      env: { ...process.env, HERALD_DATA_DIR: this.dir, DB_PORT: String(this.dbPort), REDIS_PORT: String(this.redisPort) },
    });
  }

  async startApi(env: Record<string, string> = {}): Promise<Proc> {
    const port = await freePort();
    const spawned = runEntrypoint('main.js', { ...this.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env });
    await spawned.waitFor(/Nest application successfully started/, 30_000);
    const proc = { spawned, port };
    this.apis.push(proc);
    return proc;
  }

  async startWorker(env: Record<string, string> = {}): Promise<Proc> {
    const spawned = runEntrypoint('worker.js', { ...this.env, LOG_LEVEL: 'info', ...env });
    await spawned.waitFor(/worker started/, 30_000);
    const proc = { spawned };
    this.workers.push(proc);
    return proc;
  }

  /** SIGKILL: no shutdown hooks, claims left behind. SIGTERM: a graceful stop. */
  async stop(proc: Proc, signal: NodeJS.Signals): Promise<void> {
    if (proc.spawned.child.exitCode !== null || proc.spawned.child.signalCode) return;
    proc.spawned.child.kill(signal);
    await proc.spawned.exited;
  }

  url(proc: Proc = this.apis[0]): string {
    return `http://127.0.0.1:${proc.port}`;
  }

  /** Stops MariaDB the hard way (SIGKILL of mariadbd): connections break mid-query. */
  async killDb(): Promise<void> {
    const pid = Number(readFileSync(join(this.dir, 'mariadb', 'mysql.pid'), 'utf8').trim());
    process.kill(pid, 'SIGKILL');
    for (let i = 0; i < 100; i++) {
      try {
        process.kill(pid, 0);
        await sleep(50);
      } catch {
        return;
      }
    }
  }

  async startDb(): Promise<void> {
    await this.services('start');
  }

  /** FLUSHALL on this stack's Redis: every job, lease and delayed retry gone. */
  async flushRedis(): Promise<void> {
    await run('redis-cli', ['-h', '127.0.0.1', '-p', String(this.redisPort), 'FLUSHALL']);
  }

  async redis(...args: string[]): Promise<string> {
    return (await run('redis-cli', ['-h', '127.0.0.1', '-p', String(this.redisPort), ...args])).stdout;
  }

  async sql<T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> {
    const db = await createConnection({ host: '127.0.0.1', port: this.dbPort, user: 'root', database: 'herald' });
    try {
      return (await db.query(query, params))[0] as T[];
    } finally {
      await db.end();
    }
  }

  async close(): Promise<void> {
    for (const p of [...this.apis, ...this.workers]) await this.stop(p, 'SIGTERM').catch(() => undefined);
    await this.services('stop').catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A small API client that counts the answers by status class. */
export class Api {
  readonly statuses: number[] = [];
  key = '';

  constructor(private readonly base: () => string) {}

  async call(method: string, path: string, body?: unknown, token = this.key): Promise<{ status: number; body: any }> {
    const res = await fetch(this.base() + path, {
      method,
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    this.statuses.push(res.status);
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // keep the text
    }
    return { status: res.status, body: parsed };
  }

  async ok(method: string, path: string, body?: unknown, token?: string): Promise<any> {
    const res = await this.call(method, path, body, token);
    if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** Answers of 500 and above other than 503 (a clear "try again"): what the table counts as 5xx. */
  get unexpected5xx(): number {
    return this.statuses.filter((s) => s >= 500 && s !== 503).length;
  }

  async tenant(): Promise<number> {
    const { tenant, apiKey } = await this.ok('POST', '/api/tenants', { name: 'chaos' }, ADMIN);
    this.key = apiKey.key;
    return tenant.id;
  }
}

/** N customers in a static group, inserted with SQL (setup, not the subject). */
export async function seedGroup(stack: ChaosStack, api: Api, tenantId: number, n: number): Promise<number> {
  const group = await api.ok('POST', '/api/groups', { name: `g${Date.now()}-${Math.random().toString(36).slice(2, 8)}`, type: 'static' });
  const [{ m }] = await stack.sql<{ m: number }>('SELECT COALESCE(MAX(id), 0) AS m FROM customers');
  for (let i = 0; i < n; i += 5000) {
    const rows = [];
    for (let j = i; j < Math.min(n, i + 5000); j++) rows.push([tenantId, `客户 ${j}`, `1${String(5000000000 + Number(m) + j)}`, 0, '{}']);
    await stack.sql('INSERT INTO customers (tenantId, name, mobile, activityScore, attributes) VALUES ?', [rows]);
  }
  await stack.sql('INSERT INTO group_members (groupId, customerId, tenantId) SELECT ?, id, tenantId FROM customers WHERE tenantId = ? AND id > ?', [
    group.id,
    tenantId,
    m,
  ]);
  return group.id;
}
