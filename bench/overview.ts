/**
 * The overview (概览) on a big tenant: N messages (default 1,000,000) spread over the last 7 days,
 * seeded in SQL (INSERT … SELECT from MariaDB's seq_ sequence) over 8 webhooks and 3 sources,
 * 95 % delivered, 4 % failed, 1 % still pending, with the hourly counters built from them the way
 * the migration's backfill builds them (plus a latency histogram). Then GET /api/overview is timed
 * over HTTP through the real api process: sequential calls, then concurrent ones.
 * Prints p50/p95/p99 (target: p95 < 200 ms at 1M).
 * Usage: npm run bench:overview -- [--messages 1000000] [--sequential 200] [--concurrent 20] [--rounds 10]
 */
import { createConnection } from 'mysql2/promise';
import { api, freePort, median, numberArg, percentile, startApi, stopProcess } from './support';

const DAY_MS = 86_400_000;
const db = () => createConnection({ host: '127.0.0.1', port: Number(process.env.DB_PORT), user: 'root', database: process.env.DB_NAME });

async function seed(tenantId: number, webhookIds: number[], n: number): Promise<void> {
  const c = await db();
  const end = Date.now();
  const start = end - 7 * DAY_MS;
  const step = (end - start) / n;
  const hooks = `ELT(1 + seq % ${webhookIds.length}, ${webhookIds.join(', ')})`;
  const CHUNK = 100_000;
  for (let from = 1; from <= n; from += CHUNK) {
    const to = Math.min(n, from + CHUNK - 1);
    // t: the message's time in ms; its id is a UUIDv7 of that time (id order = time order, as in production).
    await c.query(
      `INSERT INTO deliveries (id, tenantId, webhookId, source, event, status, attempts, maxAttempts, requestMethod, requestUrl,
         requestHeaders, requestBody, lastStatusCode, lastErrorClass, lastError, deliveredAt, createdAt, updatedAt)
       SELECT CONCAT(SUBSTR(h, 1, 8), '-', SUBSTR(h, 9, 4), '-7', LPAD(HEX(seq % 4096), 3, '0'), '-8', LPAD(HEX(seq DIV 4096 % 4096), 3, '0'), '-', LPAD(HEX(seq), 12, '0')),
         ?, ${hooks}, ELT(1 + seq % 10, 'broadcast', 'broadcast', 'broadcast', 'broadcast', 'broadcast', 'broadcast', 'broadcast', 'event', 'event', 'journey'),
         'webhook/broadcast', st, IF(st = 'pending', 0, 1), 7, 'POST', 'http://receiver.example/hook', '{}', '{"hello":"world"}',
         CASE st WHEN 'delivered' THEN 200 WHEN 'failed' THEN 500 END, NULL, IF(st = 'failed', 'HTTP 500', NULL),
         IF(st = 'delivered', at, NULL), at, at
       FROM (SELECT seq, t, LPAD(HEX(t), 12, '0') AS h, FROM_UNIXTIME(t / 1000) AS at,
               CASE WHEN seq > ? THEN 'pending' WHEN seq % 25 = 0 THEN 'failed' ELSE 'delivered' END AS st
             FROM (SELECT seq, FLOOR(? + seq * ?) AS t FROM seq_${from}_to_${to}) s) x`,
      [tenantId, Math.floor(n * 0.99), start, step],
    );
    process.stdout.write(`\rseeded ${to} messages`);
  }
  process.stdout.write('\n');
  // The counters as production keeps them (the migration's backfill), with a plausible latency spread.
  await c.query(
    `INSERT INTO delivery_stats_hourly (tenantId, hour, webhookId, source, created, delivered, failed, cancelled)
     SELECT tenantId, DATE_FORMAT(createdAt, '%Y-%m-%d %H:00:00'), webhookId, source, COUNT(*), SUM(status = 'delivered'), SUM(status = 'failed'), 0
     FROM deliveries WHERE tenantId = ? GROUP BY 1, 2, 3, 4`,
    [tenantId],
  );
  await c.query(
    `UPDATE delivery_stats_hourly SET attempts = delivered + failed, attemptsFailed = failed,
       lat1 = FLOOR(delivered * 0.3), lat2 = FLOOR(delivered * 0.5), lat3 = FLOOR(delivered * 0.15), lat5 = delivered - FLOOR(delivered * 0.3) - FLOOR(delivered * 0.5) - FLOOR(delivered * 0.15), lat9 = failed
     WHERE tenantId = ?`,
    [tenantId],
  );
  await c.query('ANALYZE TABLE deliveries, delivery_stats_hourly');
  const [[counts]] = (await c.query('SELECT COUNT(*) AS n, (SELECT COUNT(*) FROM delivery_stats_hourly) AS hours FROM deliveries')) as unknown as [
    { n: number; hours: number }[],
  ];
  console.log(`deliveries ${counts.n}, hourly counter rows ${counts.hours}`);
  await c.end();
}

async function timed(url: string, key: string): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(url, { headers: { Authorization: `Bearer ${key}` } });
  await res.text();
  if (!res.ok) throw new Error(`GET ${url} → ${res.status}`);
  return performance.now() - t0;
}

function report(label: string, times: number[]): void {
  const sorted = [...times].sort((a, b) => a - b);
  const f = (x: number) => `${x.toFixed(1)} ms`;
  console.log(
    `${label.padEnd(34)} n=${times.length}  p50 ${f(median(times))}  p95 ${f(percentile(sorted, 95))}  p99 ${f(percentile(sorted, 99))}  max ${f(sorted[sorted.length - 1])}`,
  );
}

async function main(): Promise<void> {
  const n = numberArg('messages', 1_000_000);
  const sequential = numberArg('sequential', 200);
  const concurrent = numberArg('concurrent', 20);
  const rounds = numberArg('rounds', 10);
  const port = await freePort();
  const apiProcess = await startApi(port);
  const base = `http://127.0.0.1:${port}`;
  try {
    const { tenant, apiKey } = await api(base, 'POST', '/api/tenants', { name: 'bench' }, process.env.ADMIN_TOKEN);
    const key: string = apiKey.key;
    const webhookIds: number[] = [];
    for (let i = 1; i <= 8; i++) webhookIds.push((await api(base, 'POST', '/api/webhooks', { name: `hook ${i}`, url: `http://127.0.0.1:9/${i}` }, key)).id);
    const t0 = performance.now();
    await seed(tenant.id, webhookIds, n);
    console.log(`seeding took ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    for (const range of ['7d', 'today']) {
      const url = `${base}/api/overview?range=${range}&tz=Asia%2FShanghai`;
      for (let i = 0; i < 5; i++) await timed(url, key); // warm-up
      const seq: number[] = [];
      for (let i = 0; i < sequential; i++) seq.push(await timed(url, key));
      report(`range=${range}, sequential`, seq);
      const par: number[] = [];
      for (let r = 0; r < rounds; r++) par.push(...(await Promise.all(Array.from({ length: concurrent }, () => timed(url, key)))));
      report(`range=${range}, ${concurrent} concurrent`, par);
    }
  } finally {
    await stopProcess(apiProcess);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
