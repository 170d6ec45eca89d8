/**
 * Median time of a test send (测试发送) against a local receiver: the whole synchronous API call
 * (render, store, sign, send, record, answer), measured by the client over N sends (default 200).
 * The receiver verifies every DM Hub signature and the basic auth header.
 * For scale, the same client's median for a plain authenticated read (GET /api/webhooks/:id): the
 * floor every API call pays (HTTP, auth, logging, JSON) before a test send's own work.
 * Usage: npm run bench:test-send -- [--sends 200] [--api-cpu-prof DIR]  (the api's V8 CPU profile)
 *        [--sends-only]  (skip the GET phase: the api stops right after the sends, so a profile covers them)
 */
import { readFileSync } from 'fs';
import { createConnection } from 'mysql2/promise';
import { Receiver } from '../test/support/receiver';
import { javaDmhubSignature } from '../test/support/verify';
import { api, cpuSeconds, freePort, median, numberArg, percentile, startApi, stopProcess, stringArg } from './support';

async function main() {
  const sends = numberArg('sends', 200);
  const port = await freePort();
  const profileDir = stringArg('api-cpu-prof');
  const sendsOnly = process.argv.includes('--sends-only');
  const apiProcess = await startApi(port, {}, profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []);
  const base = `http://127.0.0.1:${port}`;
  const receiver = await Receiver.start();
  let verified = 0;
  const secret = 'bench-secret-0123456789';
  receiver.on('/hook', (req) => {
    const ok = req.headers['x-clab-hmac-signature'] === javaDmhubSignature(secret, req.raw) && req.headers.authorization?.startsWith('Basic ');
    if (ok) verified++;
    return { status: ok ? 200 : 401, body: '{"errcode":0,"errmsg":"ok"}' };
  });
  try {
    const { apiKey } = await api(base, 'POST', '/api/tenants', { name: 'bench' }, process.env.ADMIN_TOKEN);
    const key = apiKey.key;
    const customer = await api(base, 'POST', '/api/customers', { name: '测试 客户 "bench"', mobile: '13800000000', attributes: { city: '上海' } }, key);
    const webhook = await api(
      base,
      'POST',
      '/api/webhooks',
      {
        name: 'bench',
        url: `http://bench:pw@127.0.0.1:${receiver.port}/hook`,
        secret,
        bodyTemplate: { msgtype: 'text', text: { content: '{{ customer.name }} 来自 {{ customer.attributes.city }}' } },
      },
      key,
    );
    for (let i = 0; i < 20; i++) await api(base, 'POST', `/api/webhooks/${webhook.id}/test`, { customerId: customer.id }, key);

    const wall: number[] = [];
    const attempt: number[] = [];
    const db = await createConnection({ host: '127.0.0.1', port: Number(process.env.DB_PORT), user: 'root' });
    const questions = async () => Number(((await db.query("SHOW GLOBAL STATUS LIKE 'Questions'"))[0] as { Value: string }[])[0].Value);
    const questionsBefore = await questions();
    const cpuBefore = cpuSeconds(apiProcess.pid!);
    const sysBefore = systemSeconds(apiProcess.pid!);
    for (let i = 0; i < sends; i++) {
      const started = performance.now();
      const res = await api(base, 'POST', `/api/webhooks/${webhook.id}/test`, { customerId: customer.id }, key);
      wall.push(performance.now() - started);
      if (res.status !== 'delivered') throw new Error(`send ${i}: ${res.status}`);
      attempt.push(res.attemptLog[0].durationMs);
    }
    const sendCpuMs = ((cpuSeconds(apiProcess.pid!) - cpuBefore) * 1000) / sends;
    const sendSysMs = ((systemSeconds(apiProcess.pid!) - sysBefore) * 1000) / sends;
    const sendQueries = ((await questions()) - questionsBefore - 1) / sends;
    await db.end();
    const reads: number[] = [];
    for (let i = 0; i < (sendsOnly ? 0 : sends); i++) {
      const started = performance.now();
      await api(base, 'GET', `/api/webhooks/${webhook.id}`, undefined, key);
      reads.push(performance.now() - started);
    }
    const sorted = [...wall].sort((x, y) => x - y);
    const fmt = (n: number) => `${n.toFixed(1)} ms`;
    console.log(`test sends: ${sends} (after 20 warm-up), receiver verified ${verified}/${sends + 20} signatures`);
    console.log(
      `  whole API call  median ${fmt(median(wall))}  p90 ${fmt(percentile(sorted, 90))}  p99 ${fmt(percentile(sorted, 99))}  min ${fmt(sorted[0])}  max ${fmt(sorted[sorted.length - 1])}`,
    );
    console.log(
      `  api CPU         ${sendCpuMs.toFixed(2)} ms per test send (${sendSysMs.toFixed(2)} of it in the kernel; the shared box's noise moves wall times more than this)`,
    );
    console.log(`  SQL statements  ${sendQueries.toFixed(1)} per test send (MariaDB's Questions counter)`);
    console.log(`  HTTP attempt    median ${fmt(median(attempt))} (request to the receiver's complete answer)`);
    if (!sendsOnly) console.log(`  for scale: GET /api/webhooks/:id  median ${fmt(median(reads))} (HTTP, auth, logging, JSON: every call's floor)`);
  } finally {
    await receiver.close();
    await stopProcess(apiProcess);
  }
}

/** The kernel's share of a process's CPU seconds (stime): socket writes and reads are most of it. */
function systemSeconds(pid: number): number {
  return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[12]) / 100;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
