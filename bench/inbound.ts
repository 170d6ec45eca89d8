/**
 * Bursts of inbound webhook calls (`/hooks/:key`, async mode, HMAC-signed) starting a one-node
 * journey (a webhook to a local receiver), through the real api and worker processes. The load
 * comes from a forked process (bench/loader.ts): first a closed loop for capacity, then an open
 * loop at a fixed rate for latency (timed from each request's due time). After each phase it waits
 * until every accepted request has its run and its message at the receiver, and prints what was
 * lost or doubled, and the CPU per request of api, worker and MariaDB.
 * Usage: npm run bench:inbound -- [--in-flight 200] [--seconds 15] [--rate 300] [--open-seconds 15]
 *        [--api-cpu-prof DIR] [--worker-cpu-prof DIR] [--skip-closed] [--skip-open]
 */
import { createConnection } from 'mysql2/promise';
import { Receiver } from '../test/support/receiver';
import { Outcome, runPhases } from './ingress-load';
import { api, freePort, startApi, startWorker, stopProcess, stringArg } from './support';

async function main() {
  const receiver = await Receiver.start();
  receiver.keepBodies = false;
  const delivered = new Map<string, number>();
  receiver.on('/crm', (req) => {
    const ref = String(JSON.parse(req.raw.toString()).ref);
    delivered.set(ref, (delivered.get(ref) ?? 0) + 1);
    return { status: 200, body: '{"ok":true}' };
  });
  const port = await freePort();
  const apiProf = stringArg('api-cpu-prof');
  const workerProf = stringArg('worker-cpu-prof');
  const apiProcess = await startApi(port, {}, apiProf ? ['--cpu-prof', `--cpu-prof-dir=${apiProf}`] : []);
  const workerProcess = await startWorker([
    '--max-old-space-size=256',
    '--max-semi-space-size=32',
    ...(workerProf ? ['--cpu-prof', `--cpu-prof-dir=${workerProf}`] : []),
  ]);
  const base = `http://127.0.0.1:${port}`;
  const db = await createConnection({ host: '127.0.0.1', port: Number(process.env.DB_PORT), user: 'root', database: process.env.DB_NAME });
  try {
    const { apiKey } = await api(base, 'POST', '/api/tenants', { name: 'bench' }, process.env.ADMIN_TOKEN);
    const key = apiKey.key;
    const webhook = await api(
      base,
      'POST',
      '/api/webhooks',
      {
        name: 'crm',
        url: receiver.url('/crm'),
        concurrency: 200,
        timeoutMs: 10_000,
        bodyTemplate: { ref: '{{ inbound.data.ref }}', order: '{{ inbound.data.order.id }}' },
      },
      key,
    );
    const journey = await api(
      base,
      'POST',
      '/api/journeys',
      { name: 'hook → crm', reentry: 'always', trigger: { type: 'inbound' }, start: 'crm', nodes: [{ id: 'crm', type: 'webhook', webhookId: webhook.id }] },
      key,
    );
    await api(base, 'POST', `/api/journeys/${journey.id}/activate`, undefined, key);
    const hook = await api(base, 'POST', '/api/inbound-triggers', { name: 'orders', mode: 'async', journeyId: journey.id, checks: { hmac: {} } }, key);
    const url = `${base}/hooks/${hook.key}`;
    const secret = hook.checks.hmac.secret as string;

    const outcome = async (): Promise<Outcome> => {
      const [rows] = (await db.query(
        "SELECT JSON_UNQUOTE(JSON_EXTRACT(context, '$.trigger.data.ref')) AS ref, COUNT(*) AS n FROM journey_runs WHERE journeyId = ? GROUP BY ref",
        [journey.id],
      )) as unknown as [{ ref: string; n: number }[]];
      return { stored: new Map(rows.map((r) => [r.ref, Number(r.n)])), delivered };
    };
    await runPhases({
      label: '/hooks/:key async',
      common: { url, kind: 'hook', secret },
      defaultRate: 300,
      rowName: 'runs',
      outcome,
      pids: { api: apiProcess.pid!, worker: workerProcess.pid! },
    });
  } finally {
    await db.end();
    await receiver.close();
    await stopProcess(workerProcess);
    await stopProcess(apiProcess);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
