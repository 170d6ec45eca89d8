/**
 * Retention: what a message costs in MariaDB, and whether purging old rows slows sends.
 * 1. A mass send of N (default 100,000) with no purge running: deliveries/s, and the bytes the
 *    deliveries and delivery_attempts tables grew by, per message (data + indexes, after ANALYZE).
 * 2. OLD rows (default 1,000,000: half messages, half their attempts) older than RETENTION_DAYS are
 *    inserted, then the same mass send runs again while a worker purges them: deliveries/s, and
 *    how long the purge took (rows/s).
 * Usage: npm run bench:retention -- [--recipients 100000] [--old-rows 1000000]
 */
import { createConnection } from 'mysql2/promise';
import { v7 as uuidv7 } from 'uuid';
import { Receiver } from '../test/support/receiver';
import { api, freePort, numberArg, seedGroup, startApi, startWorker, stopProcess } from './support';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const db = () => createConnection({ host: '127.0.0.1', port: Number(process.env.DB_PORT), user: 'root', database: process.env.DB_NAME });

async function tableBytes(): Promise<number> {
  const c = await db();
  await c.query('ANALYZE TABLE deliveries, delivery_attempts');
  const [rows] = await c.query(
    "SELECT SUM(data_length + index_length) AS b FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name IN ('deliveries', 'delivery_attempts')",
  );
  await c.end();
  return Number((rows as { b: string }[])[0].b);
}

async function count(sql: string): Promise<number> {
  const c = await db();
  const [rows] = await c.query(sql);
  await c.end();
  return Number((rows as { n: string }[])[0].n);
}

/** Old finished messages with one attempt each: ids are UUIDv7 of 60 days ago, so they sort first. */
async function seedOld(tenantId: number, webhookId: number, rows: number): Promise<void> {
  const c = await db();
  const messages = Math.floor(rows / 2);
  const start = Date.now() - 60 * 86_400_000;
  for (let i = 0; i < messages; i += 5000) {
    const part = [];
    const attempts = [];
    for (let j = i; j < Math.min(messages, i + 5000); j++) {
      const at = new Date(start + j);
      const id = uuidv7({ msecs: at.getTime() });
      part.push([id, tenantId, webhookId, 'broadcast', 'webhook/broadcast', 'delivered', 1, 7, 'POST', 'http://x', '{}', '{"a":1}', 200, at, at, at]);
      attempts.push([id, tenantId, 1, at, 1, '{}', 200, 'delivered']);
    }
    await c.query(
      'INSERT INTO deliveries (id, tenantId, webhookId, source, event, status, attempts, maxAttempts, requestMethod, requestUrl, requestHeaders, requestBody, lastStatusCode, deliveredAt, createdAt, updatedAt) VALUES ?',
      [part],
    );
    await c.query('INSERT INTO delivery_attempts (deliveryId, tenantId, number, startedAt, durationMs, requestHeaders, statusCode, verdict) VALUES ?', [
      attempts,
    ]);
  }
  await c.end();
}

async function massSend(base: string, key: string, webhookId: number, groupId: number, n: number): Promise<number> {
  const started = Date.now();
  const b = await api(base, 'POST', '/api/broadcasts', { webhookId, groupId }, key);
  for (;;) {
    await sleep(500);
    const view = await api(base, 'GET', `/api/broadcasts/${b.id}`, undefined, key);
    if (['completed', 'completed_with_failures', 'cancelled'].includes(view.status)) return n / ((Date.now() - started) / 1000);
  }
}

async function main() {
  const n = numberArg('recipients', 100_000);
  const old = numberArg('old-rows', 1_000_000);
  const receiver = await Receiver.start();
  receiver.keepBodies = false;
  receiver.on('/mass', () => ({ status: 200, body: '{"errcode":0}' }));
  const port = await freePort();
  const apiProcess = await startApi(port);
  const flags = ['--max-old-space-size=256', '--max-semi-space-size=32'];
  // No purge during the first send (the first purge would come after an hour).
  let worker = await startWorker(flags);
  const base = `http://127.0.0.1:${port}`;
  try {
    const { tenant, apiKey } = await api(base, 'POST', '/api/tenants', { name: 'bench' }, process.env.ADMIN_TOKEN);
    const key = apiKey.key;
    const group = await api(base, 'POST', '/api/groups', { name: 'everyone', type: 'static' }, key);
    await seedGroup(tenant.id, group.id, n);
    const webhook = await api(
      base,
      'POST',
      '/api/webhooks',
      {
        // The breaker off: a burst of 500 new connections can overflow this in-process receiver's
        // accept queue (socket hang ups), and a cool-down would then be measured instead of the purge.
        name: 'mass',
        url: receiver.url('/mass'),
        secret: 'bench-retention-secret-1',
        concurrency: 500,
        circuitBreakerThreshold: 0,
        bodyTemplate: { msgtype: 'text', text: { content: '{{ customer.name }} 您好, 活跃度 {{ customer.activityScore }}' }, mobile: '{{ customer.mobile }}' },
      },
      key,
    );

    const before = await tableBytes();
    const plain = await massSend(base, key, webhook.id, group.id, n);
    const perMessage = ((await tableBytes()) - before) / n;

    await seedOld(tenant.id, webhook.id, old);
    const oldRows = await count(
      'SELECT (SELECT COUNT(*) FROM deliveries WHERE createdAt < NOW() - INTERVAL 30 DAY) + (SELECT COUNT(*) FROM delivery_attempts a JOIN deliveries d ON d.id = a.deliveryId WHERE d.createdAt < NOW() - INTERVAL 30 DAY) AS n',
    );
    await stopProcess(worker);
    // Now a worker that purges at once (its first purge a second after it starts), during the second send.
    process.env.RETENTION_INTERVAL_MS = '1000';
    worker = await startWorker(flags);
    delete process.env.RETENTION_INTERVAL_MS;
    const purgeStart = Date.now();
    const during = await massSend(base, key, webhook.id, group.id, n);
    let left = 1;
    while (left > 0) {
      left = await count('SELECT COUNT(*) AS n FROM deliveries WHERE createdAt < NOW() - INTERVAL 30 DAY');
      if (left > 0) await sleep(500);
    }
    const purgeSeconds = (Date.now() - purgeStart) / 1000;

    console.log(`recipients            ${n} per send`);
    console.log(`storage per message   ${perMessage.toFixed(0)} bytes in MariaDB (deliveries + delivery_attempts, data + indexes, one attempt each)`);
    console.log(`send, no purge        ${plain.toFixed(0)} deliveries/s`);
    console.log(`send while purging    ${during.toFixed(0)} deliveries/s (${((during / plain) * 100).toFixed(0)} % of the send without the purge)`);
    console.log(
      `purge                 ${oldRows} old rows (messages and attempts) gone ${purgeSeconds.toFixed(1)} s after it began (≥ ${(oldRows / purgeSeconds).toFixed(0)} rows/s, the send running meanwhile)`,
    );
  } finally {
    await receiver.close();
    await stopProcess(worker);
    await stopProcess(apiProcess);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
