/**
 * One mass send (群发) to N recipients through the real api and worker processes.
 * Prints: time to first delivery, deliveries/s, total time, peak RSS of api and worker, and — in
 * the same run, against the same receiver — the rate of a bare keep-alive HTTP client sending
 * pre-rendered, pre-signed bodies of the same size (the physical limit here), with the ratio.
 * Usage: npm run bench:broadcast -- --recipients 100000 [--workers 1] [--worker-heap-mb 256]
 *        [--webhook-concurrency 500] [--worker-node-args '--max-semi-space-size=32']
 *        [--worker-cpu-prof DIR]  (writes the worker's V8 CPU profile into DIR on exit)
 *        [--db-stats]  (MariaDB's statement, handler and InnoDB counters during the send, per message)
 *        [--frequency-cap 3/24] [--quiet-hours 00:00-24:00]  (marketing controls, window open: see marketing-controls.ts)
 */
import http from 'http';
import { dmhubSignature } from '../src/signing/sign';
import { Receiver } from '../test/support/receiver';
import { javaDmhubSignature } from '../test/support/verify';
import { applyMarketingControls } from './marketing-controls';
import { dbCounters, dbCountersReport } from './db-stats';
import { api, cpuSeconds, freePort, numberArg, peakRssMb, seedGroup, servicePid, startApi, startWorker, stopProcess, stringArg } from './support';

/** The physical limit: a keep-alive client posting pre-signed bodies as fast as the receiver takes them. */
async function bareClient(url: string, body: string, secret: string, count: number, parallel: number): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: parallel });
  const signature = dmhubSignature(secret, body);
  const target = new URL(url);
  let next = 0;
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const req = http.request(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          agent,
          headers: {
            'Content-Type': 'application/json',
            'X-Clab-Hmac-Signature': signature,
            'X-Herald-Message-Id': `bare-${next}`,
            'Content-Length': Buffer.byteLength(body),
          },
        },
        (res) => {
          res.resume();
          res.on('end', resolve);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next++ < count) await one();
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return count / seconds;
}

async function main() {
  const n = numberArg('recipients', 100_000);
  const secret = 'bench-broadcast-secret-01';
  const receiver = await Receiver.start();
  const ids = new Set<string>();
  let bad = 0;
  let first = 0;
  let last = 0;
  let bodyBytes = 0;
  receiver.keepBodies = false;
  receiver.on('/mass', (req) => {
    if (req.headers['x-clab-hmac-signature'] !== javaDmhubSignature(secret, req.raw)) bad++;
    ids.add(String(req.headers['x-herald-message-id']));
    first ||= req.at;
    last = req.at;
    bodyBytes = req.raw.length;
    return { status: 200, body: '{"errcode":0}' };
  });
  receiver.on('/bare', (req) => {
    if (req.headers['x-clab-hmac-signature'] !== javaDmhubSignature(secret, req.raw)) bad++;
    return { status: 200, body: '{"errcode":0}' };
  });

  const port = await freePort();
  const apiProcess = await startApi(port);
  // The same V8 flags as `npm run start:worker` unless overridden.
  const heap = numberArg('worker-heap-mb', 256);
  const profileDir = stringArg('worker-cpu-prof');
  const workerArgs = [
    `--max-old-space-size=${heap}`,
    ...(stringArg('worker-node-args')?.split(' ').filter(Boolean) ?? ['--max-semi-space-size=32']),
    ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
  ];
  const workerProcesses = await Promise.all(Array.from({ length: numberArg('workers', 1) }, () => startWorker(workerArgs)));
  const base = `http://127.0.0.1:${port}`;
  try {
    const { tenant, apiKey } = await api(base, 'POST', '/api/tenants', { name: 'bench' }, process.env.ADMIN_TOKEN);
    const key = apiKey.key;
    const group = await api(base, 'POST', '/api/groups', { name: 'everyone', type: 'static' }, key);
    const seedStart = performance.now();
    await seedGroup(tenant.id, group.id, n);
    console.log(`seeded ${n} customers in a static group in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
    const webhook = await api(
      base,
      'POST',
      '/api/webhooks',
      {
        name: 'mass',
        url: receiver.url('/mass'),
        secret,
        concurrency: numberArg('webhook-concurrency', 500),
        timeoutMs: 10_000,
        bodyTemplate: {
          msgtype: 'text',
          text: { content: '{{ customer.name }} 您好, 活跃度 {{ customer.activityScore }}' },
          mobile: '{{ customer.mobile }}',
          city: '{{ customer.attributes.city }}',
        },
      },
      key,
    );

    const controls = await applyMarketingControls(base, key);

    const processes = {
      worker: workerProcesses.map((w) => w.pid!),
      api: [apiProcess.pid!],
      mariadb: [servicePid('mariadb/mysql.pid')],
      redis: [servicePid('redis/redis.pid')],
      'bench (receiver)': [process.pid],
    };
    const cpu = () => Object.fromEntries(Object.entries(processes).map(([k, pids]) => [k, pids.reduce((a, p) => a + cpuSeconds(p), 0)]));
    const dbStats = process.argv.includes('--db-stats');
    const dbBefore = dbStats ? await dbCounters() : {};
    const cpuBefore = cpu();
    const started = Date.now();
    const broadcast = await api(base, 'POST', '/api/broadcasts', { webhookId: webhook.id, groupId: group.id }, key);
    let view = broadcast;
    let fannedOut = 0;
    while (!['completed', 'completed_with_failures', 'cancelled'].includes(view.status)) {
      await new Promise((r) => setTimeout(r, 500));
      view = await api(base, 'GET', `/api/broadcasts/${broadcast.id}`, undefined, key);
      if (!fannedOut && view.total === n) fannedOut = Date.now();
    }
    const finished = Date.now();
    const cpuAfter = cpu();
    const dbAfter = dbStats ? await dbCounters() : {};
    const total = (finished - started) / 1000;
    const apiRss = peakRssMb(apiProcess.pid!);
    const workerRss = Math.max(...workerProcesses.map((w) => peakRssMb(w.pid!)));

    const sample = JSON.stringify({ msgtype: 'text', text: { content: '客户 12345 "VIP" 您好, 活跃度 345' }, mobile: '13000012345', city: '上海' }).padEnd(
      bodyBytes,
      ' ',
    );
    const bareCount = Math.min(n, 50_000);
    const bare = await bareClient(receiver.url('/bare'), sample, secret, bareCount, 64);

    const e2e = n / total;
    console.log(`recipients            ${n}`);
    console.log(`marketing controls    ${controls}`);
    console.log(`status                ${view.status}  total ${view.total}  delivered ${view.delivered}  failed ${view.failed}  skipped ${view.skipped}`);
    console.log(`receiver unique ids   ${ids.size} (= delivered: ${ids.size === view.delivered}); bad signatures ${bad}`);
    console.log(`time to first         ${first - started} ms`);
    console.log(`all rows created      after ${((fannedOut - started) / 1000).toFixed(1)} s (fan-out; ±0.5 s polling)`);
    console.log(`total time            ${total.toFixed(1)} s`);
    console.log(`deliveries/s          ${e2e.toFixed(0)} end to end; ${(n / ((last - first) / 1000)).toFixed(0)} first-to-last at the receiver`);
    console.log(`peak RSS              api ${apiRss.toFixed(0)} MB, worker ${workerRss.toFixed(0)} MB (largest of ${workerProcesses.length})`);
    console.log(`bare keep-alive loop  ${bare.toFixed(0)} req/s (${bareCount} bodies of ${bodyBytes} bytes, 64 in flight)`);
    console.log(`ratio                 ${((e2e / bare) * 100).toFixed(1)} % of the bare client`);
    console.log(
      `CPU during the send   ${Object.keys(cpuBefore)
        .map((k) => {
          const used = cpuAfter[k] - cpuBefore[k];
          return `${k} ${used.toFixed(1)} s = ${((used / total) * 100).toFixed(0)} % of a core = ${((used * 1000) / n).toFixed(3)} ms/msg`;
        })
        .join('\n                      ')}`,
    );
    if (dbStats) console.log(`MariaDB counters during the send:\n${dbCountersReport(dbBefore, dbAfter, n)}`);
  } finally {
    await receiver.close();
    for (const w of workerProcesses) await stopProcess(w);
    await stopProcess(apiProcess);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
