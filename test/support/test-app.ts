import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomBytes } from 'crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { AppModule } from '../../src/app.module';
import { WorkerModule } from '../../src/worker.module';
import { configureHttpApp } from '../../src/app.setup';
import { Env, loadEnv } from '../../src/config/env';
import { dataSourceOptions } from '../../src/data-source-options';
import { dropDatabase, ensureDatabase } from '../../src/database/ensure-database';
import { checkAnswersAgainstContract } from './contract';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';
/** The tests' own SECRETS_KEY (32 bytes, hex); a test may pass another through testEnv's overrides. */
export const TEST_SECRETS_KEY = '5ec7e75ec7e75ec7e75ec7e75ec7e75ec7e75ec7e75ec7e75ec7e75ec7e75ec7';

export interface TestApp {
  app: INestApplication;
  env: Env;
  db: DataSource;
  http: () => ReturnType<typeof request>;
  close: () => Promise<void>;
}

/** An env of its own for one test file: a fresh database (migrated) and a fresh Redis prefix. */
export async function testEnv(overrides: Record<string, string> = {}): Promise<Env> {
  const id = `${process.pid}_${randomBytes(4).toString('hex')}`;
  const env = loadEnv({
    ...process.env,
    NODE_ENV: 'test',
    DB_NAME: `herald_test_${id}`,
    REDIS_PREFIX: `herald_test_${id}`,
    ADMIN_TOKEN,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    // Fast sweeps so tests of lost jobs finish in seconds; no worker metrics port.
    SWEEP_INTERVAL_MS: '200',
    SWEEP_GRACE_MS: '300',
    METRICS_PORT: '0',
    ALLOW_PRIVATE_TARGETS: 'true',
    SECRETS_KEY: TEST_SECRETS_KEY,
    ...overrides,
  });
  await ensureDatabase(env);
  const ds = await new DataSource(dataSourceOptions(env)).initialize();
  await ds.runMigrations();
  await ds.destroy();
  return env;
}

/** The real api app (real MariaDB, real Redis) on an ephemeral port, driven through supertest. */
export async function createTestApp(env?: Env): Promise<TestApp> {
  const ownEnv = env ?? (await testEnv());
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(ownEnv)] }).compile();
  const app = moduleRef.createNestApplication({ bodyParser: false, bufferLogs: true });
  app.use(checkAnswersAgainstContract());
  await configureHttpApp(app);
  try {
    await app.init();
  } catch (error) {
    // A refused boot (e.g. a key that cannot open the stored secrets) must not leave connections open.
    await app.close().catch(() => undefined);
    throw error;
  }
  await app.listen(0, '127.0.0.1');
  return {
    app,
    env: ownEnv,
    db: app.get(DataSource),
    http: () => request(app.getHttpServer()),
    close: async () => {
      await app.close();
      if (!env) await dropDatabase(ownEnv);
    },
  };
}

export interface TestTenant {
  id: number;
  key: string;
  auth: { Authorization: string };
}

export async function createTenant(t: TestApp, name = 'Tenant'): Promise<TestTenant> {
  const res = await t.http().post('/api/tenants').set('Authorization', `Bearer ${ADMIN_TOKEN}`).send({ name });
  if (res.status !== 201) throw new Error(`tenant creation failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.tenant.id, key: res.body.apiKey.key, auth: { Authorization: `Bearer ${res.body.apiKey.key}` } };
}

/** A worker process's modules (processors, sweeper) in this test process, on the same env. */
export async function createTestWorker(env: Env): Promise<INestApplicationContext> {
  const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(env), { logger: false, abortOnError: false });
  await worker.init();
  return worker;
}

/** Deletes every Redis key of this env's prefix: what losing Redis looks like to one deployment. */
export async function flushRedisPrefix(t: TestApp): Promise<number> {
  const { getQueueToken } = await import('@nestjs/bull');
  const queue = t.app.get(getQueueToken('deliveries'));
  const client = queue.client;
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${t.env.REDIS_PREFIX}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) deleted += await client.del(...keys);
  } while (cursor !== '0');
  return deleted;
}
