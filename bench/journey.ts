/**
 * A group_entry journey (condition → webhook → update_customer) over an N-member group, through
 * the real api and worker processes, to a receiver that verifies every DM Hub signature.
 * Prints: runs/s end to end (activation → every run completed), time to the first and last
 * delivery, peak RSS of api and worker, and the CPU each process used per run.
 * Usage: npm run bench:journey -- --customers 10000 [--workers 1] [--worker-cpu-prof DIR] [--timeline] [--give-up-after SECONDS]
 */
import Redis from 'ioredis';
import { createConnection } from 'mysql2/promise';
import { Receiver } from '../test/support/receiver';
import { javaDmhubSignature } from '../test/support/verify';
import { api, cpuSeconds, freePort, numberArg, peakRssMb, seedGroup, servicePid, startApi, startWorker, stopProcess, stringArg } from './support';

async function main() {
  const n = numberArg('customers', 10_000);
  const secret = 'bench-journey-secret-0001';
  const receiver = await Receiver.start();
  receiver.keepBodies = false;
  const ids = new Set<string>();
  let bad = 0;
  let first = 0;
  let last = 0;
  receiver.on('/crm', (req) => {
    if (req.headers['x-clab-hmac-signature'] !== javaDmhubSignature(secret, req.raw)) bad++;
    const id = String(req.headers['x-herald-message-id']);
    ids.add(id);
    first ||= req.at;
    last = req.at;
    return { status: 200, body: JSON.stringify({ ok: true, crmId: id.slice(-12) }) };
  });

  const port = await freePort();
  const apiProcess = await startApi(port);
  const profileDir = stringArg('worker-cpu-prof');
  const workers = await Promise.all(
    Array.from({ length: numberArg('workers', 1) }, () =>
      startWorker(['--max-old-space-size=256', '--max-semi-space-size=32', ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])]),
    ),
  );
  const base = `http://127.0.0.1:${port}`;
  try {
    const { tenant, apiKey } = await api(base, 'POST', '/api/tenants', { name: 'bench' }, process.env.ADMIN_TOKEN);
    const key = apiKey.key;
    const group = await api(base, 'POST', '/api/groups', { name: 'everyone', type: 'static' }, key);
    const tagged = await api(base, 'POST', '/api/groups', { name: 'synced', type: 'static' }, key);
    await seedGroup(tenant.id, group.id, n);
    const webhook = await api(
      base,
      'POST',
      '/api/webhooks',
      {
        name: 'crm',
        url: receiver.url('/crm'),
        secret,
        concurrency: 500,
        bodyTemplate: { name: '{{ customer.name }}', mobile: '{{ customer.mobile }}', run: '{{ journey.runId }}' },
      },
      key,
    );
    const journey = await api(
      base,
      'POST',
      '/api/journeys',
      {
        name: 'bench',
        trigger: { type: 'group_entry', groupId: group.id },
        start: 'known',
        nodes: [
          { id: 'known', type: 'condition', rule: { field: 'customer.attributes.city', op: 'exists', value: true }, then: 'crm', else: 'end' },
          { id: 'crm', type: 'webhook', webhookId: webhook.id, next: 'tag' },
          {
            id: 'tag',
            type: 'update_customer',
            set: { 'attributes.crmId': '{{ nodes.crm.response.body.crmId }}' },
            activityDelta: 1,
            addToGroupId: tagged.id,
            next: 'end',
          },
          { id: 'end', type: 'end' },
        ],
      },
      key,
    );

    const processes = {
      worker: workers.map((w) => w.pid!),
      api: [apiProcess.pid!],
      mariadb: [servicePid('mariadb/mysql.pid')],
      redis: [servicePid('redis/redis.pid')],
      'bench (receiver)': [process.pid],
    };
    const cpu = () => Object.fromEntries(Object.entries(processes).map(([k, pids]) => [k, pids.reduce((s, p) => s + cpuSeconds(p), 0)]));
    const db = await createConnection({ host: '127.0.0.1', port: Number(process.env.DB_PORT), user: 'root' });
    const dbStatus = async () =>
      Object.fromEntries(
        (
          (
            await db.query(
              "SHOW GLOBAL STATUS WHERE Variable_name IN ('Questions', 'Bytes_received', 'Bytes_sent', 'Com_insert', 'Com_update', 'Com_select', 'Com_commit')",
            )
          )[0] as { Variable_name: string; Value: string }[]
        ).map((r) => [r.Variable_name, Number(r.Value)]),
      );
    const statusBefore = await dbStatus();
    const cpuBefore = cpu();
    const started = Date.now();
    // The timeline: every second, runs by status and messages by status, as the database has them.
    const timeline: string[] = [];
    const probe = await createConnection({ host: '127.0.0.1', port: Number(process.env.DB_PORT), user: 'root', database: process.env.DB_NAME });
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const t = ((Date.now() - started) / 1000).toFixed(1);
        const [runs] = (await probe.query('SELECT status, COUNT(*) AS n FROM journey_runs GROUP BY status')) as unknown as [{ status: string; n: number }[]];
        const [msgs] = (await probe.query('SELECT status, COUNT(*) AS n FROM deliveries GROUP BY status')) as unknown as [{ status: string; n: number }[]];
        const f = (rows: { status: string; n: number }[]) => rows.map((r) => `${r.status} ${r.n}`).join(', ');
        timeline.push(`${t.padStart(5)} s  runs: ${f(runs)} | messages: ${f(msgs)} | received ${ids.size}`);
        await new Promise((r) => setTimeout(r, 1000));
      }
    })();
    await api(base, 'POST', `/api/journeys/${journey.id}/activate`, undefined, key);
    let view = journey;
    const giveUpMs = numberArg('give-up-after', 3600) * 1000;
    let entered = 0;
    do {
      await new Promise((r) => setTimeout(r, 250));
      view = await api(base, 'GET', `/api/journeys/${journey.id}`, undefined, key);
      if (!entered && view.counters.entered === n) entered = Date.now();
    } while (view.counters.completed + view.counters.failed < n && Date.now() - started < giveUpMs);
    if (view.counters.completed + view.counters.failed < n)
      console.log(`GAVE UP after ${giveUpMs / 1000} s (--give-up-after): the figures below are of an unfinished run`);
    const finished = Date.now();
    sampling = false;
    await sampler;
    const [lateMessages] = (await probe.query(
      'SELECT id, attempts, createdAt, nextAttemptAt, lockedUntil, updatedAt FROM deliveries ORDER BY updatedAt DESC LIMIT 3',
    )) as unknown as [Record<string, unknown>[]];
    const [lateRuns] = (await probe.query(
      'SELECT id, createdAt, updatedAt, finishedAt, steps FROM journey_runs ORDER BY finishedAt DESC LIMIT 3',
    )) as unknown as [Record<string, unknown>[]];
    await probe.end();
    const redis = new Redis({ host: '127.0.0.1', port: Number(process.env.REDIS_PORT) });
    const failedJobs: string[] = [];
    for (const q of ['journeys', 'deliveries', 'delivery-retries']) {
      for (const id of await redis.zrange(`herald:${q}:failed`, 0, 4)) failedJobs.push(`${q} ${id}: ${await redis.hget(`herald:${q}:${id}`, 'failedReason')}`);
    }
    await redis.quit();
    const cpuAfter = cpu();
    const statusAfter = await dbStatus();
    await db.end();
    const total = (finished - started) / 1000;

    console.log(`customers             ${n}`);
    console.log(`runs                  entered ${view.counters.entered}  completed ${view.counters.completed}  failed ${view.counters.failed}`);
    console.log(`receiver unique ids   ${ids.size}; bad signatures ${bad}`);
    console.log(`all runs entered      after ${((entered - started) / 1000).toFixed(1)} s (±0.25 s polling)`);
    console.log(`first / last delivery ${first - started} ms / ${((last - started) / 1000).toFixed(1)} s after activation`);
    console.log(`all runs completed    ${total.toFixed(1)} s → ${(n / total).toFixed(0)} runs/s end to end`);
    console.log(
      `peak RSS              api ${peakRssMb(apiProcess.pid!).toFixed(0)} MB, worker ${Math.max(...workers.map((w) => peakRssMb(w.pid!))).toFixed(0)} MB`,
    );
    if (process.argv.includes('--timeline') || total > 20) {
      console.log(`timeline\n${timeline.join('\n')}`);
      console.log(`last messages         ${JSON.stringify(lateMessages)}`);
      console.log(`last runs             ${JSON.stringify(lateRuns)}`);
    }
    console.log(`failed jobs           ${failedJobs.length ? failedJobs.join('\n                      ') : 'none'}`);
    const per = (k: string) => ((statusAfter[k] - statusBefore[k]) / n).toFixed(1);
    console.log(
      `MariaDB per run       ${per('Questions')} statements (${per('Com_select')} select, ${per('Com_insert')} insert, ${per('Com_update')} update, ${per('Com_commit')} commit), ` +
        `${(Number(per('Bytes_received')) / 1024).toFixed(1)} KiB received, ${(Number(per('Bytes_sent')) / 1024).toFixed(1)} KiB sent`,
    );
    console.log(
      `CPU during the run    ${Object.keys(cpuBefore)
        .map((k) => {
          const used = cpuAfter[k] - cpuBefore[k];
          return `${k} ${used.toFixed(1)} s = ${((used / total) * 100).toFixed(0)} % of a core = ${((used * 1000) / n).toFixed(3)} ms/run`;
        })
        .join('\n                      ')}`,
    );
  } finally {
    await receiver.close();
    for (const w of workers) await stopProcess(w);
    await stopProcess(apiProcess);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
