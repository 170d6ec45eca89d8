/**
 * One Herald deployment for a fuzz file: the BUILT api (dist/src/main.js) and, where sends are
 * involved, the built worker, as child processes on a fresh migrated database and Redis prefix of
 * the test run's MariaDB and Redis. Their stdout and stderr are kept whole (the secrets test reads
 * every line).
 */
import { existsSync } from 'fs';
import { createPool, Pool } from 'mysql2/promise';
import { join } from 'path';
import type { Env } from '../../../src/config/env';
import { dropDatabase } from '../../../src/database/ensure-database';
import { childEnv, freePort, ROOT, runEntrypoint, Spawned } from '../../support/processes';
import { ADMIN_TOKEN, testEnv } from '../../support/test-app';
import { Http } from './http';

export interface DeploymentOptions {
  worker?: boolean;
  /** Extra environment for both processes (e.g. ALLOW_PRIVATE_TARGETS=false). */
  env?: Record<string, string>;
}

/** Polls /health (any log level): the api is up when it answers 200. */
async function healthy(base: string, api: Spawned, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (api.child.exitCode !== null) throw new Error(`the api exited (${api.child.exitCode}):\n${api.output()}`);
    const status = await fetch(`${base}/health`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the api did not become healthy within ${timeoutMs} ms:\n${api.output()}`);
}

export class Deployment {
  private pool?: Pool;
  private constructor(
    readonly env: Env,
    readonly processEnv: Record<string, string>,
    readonly api: Spawned,
    readonly port: number,
    readonly worker: Spawned | undefined,
    readonly http: Http,
  ) {}

  static async start(options: DeploymentOptions = {}): Promise<Deployment> {
    if (!existsSync(join(ROOT, 'dist', 'src', 'main.js'))) throw new Error('dist/ is missing: run the suite through `npm test`, which builds first');
    const env = await testEnv();
    const port = await freePort();
    const processEnv = childEnv(env, {
      ADMIN_TOKEN,
      PORT: String(port),
      HOST: '127.0.0.1',
      METRICS_PORT: '0',
      ALLOW_PRIVATE_TARGETS: 'true',
      SWEEP_INTERVAL_MS: '500',
      SWEEP_GRACE_MS: '1000',
      LOG_LEVEL: 'info',
      // The fuzzer posts many times from one address: the limits themselves are tested elsewhere.
      FORM_RATE_LIMIT_PER_MINUTE: '0',
      LOGIN_MAX_ATTEMPTS_PER_ADDRESS: '100000',
      LOGIN_MAX_FAILURES_PER_EMAIL: '10000',
      ...options.env,
    });
    const api = runEntrypoint('main.js', processEnv);
    // The worker logs at info at least: its readiness is a log line.
    const worker = options.worker
      ? runEntrypoint('worker.js', { ...processEnv, LOG_LEVEL: processEnv.LOG_LEVEL === 'warn' ? 'info' : processEnv.LOG_LEVEL })
      : undefined;
    try {
      await healthy(`http://127.0.0.1:${port}`, api, 60_000);
      await worker?.waitFor(/worker started/, 60_000);
    } catch (error) {
      for (const p of [api, worker]) p?.child.kill('SIGKILL');
      await dropDatabase(env);
      throw error;
    }
    return new Deployment(env, processEnv, api, port, worker, new Http(`http://127.0.0.1:${port}`));
  }

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Everything both processes printed so far. */
  output(): string {
    return this.api.output() + (this.worker?.output() ?? '');
  }

  /** Whether the api process is still running (a crash is a failure of its own). */
  get apiAlive(): boolean {
    return this.api.child.exitCode === null && this.api.child.signalCode === null;
  }

  async sql<T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> {
    this.pool ??= createPool({
      host: this.env.DB_HOST,
      port: this.env.DB_PORT,
      user: this.env.DB_USER,
      password: this.env.DB_PASSWORD,
      database: this.env.DB_NAME,
      connectionLimit: 2,
      dateStrings: true,
    });
    return (await this.pool.query(query, params))[0] as T[];
  }

  async close(): Promise<void> {
    this.http.close();
    for (const p of [this.api, this.worker]) {
      if (p && p.child.exitCode === null && p.child.signalCode === null) {
        p.child.kill('SIGTERM');
        await p.exited;
      }
    }
    await this.pool?.end();
    await dropDatabase(this.env);
  }
}
