/**
 * Bursts of form posts (`POST /f/:key`, form-encoded as a browser sends them) to a published form
 * with a name, a mobile (mapped: each post creates its customer) and one webhook, through the real
 * api and worker processes. The load comes from a forked process (bench/loader.ts): first a closed
 * loop for capacity, then an open loop at a fixed rate for latency (timed from each request's due
 * time). After each phase it waits until every accepted post has its submission row and its
 * message at the receiver, and prints what was lost or doubled, and the CPU per request of api,
 * worker and MariaDB. The per-address rate limit is set high (FORM_RATE_LIMIT_PER_MINUTE, the
 * product's default stays 10) so that it is counted but never throttles the bench's one address.
 * Usage: npm run bench:forms -- [--in-flight 200] [--seconds 15] [--rate 200] [--open-seconds 15]
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
  const apiProcess = await startApi(port, { FORM_RATE_LIMIT_PER_MINUTE: '100000' }, apiProf ? ['--cpu-prof', `--cpu-prof-dir=${apiProf}`] : []);
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
        bodyTemplate: {
          ref: '{{ submission.data.ref }}',
          submission: '{{ submission.id }}',
          name: '{{ submission.data.name }}',
          customerId: '{{ customer.id }}',
        },
      },
      key,
    );
    const fields = [
      { name: 'name', label: '姓名', type: 'text', required: true, maps: 'name' },
      { name: 'mobile', label: '手机号码', type: 'tel', required: true, maps: 'mobile' },
      { name: 'ref', label: '编号', type: 'text' },
      { name: 'consent', label: '我同意接收营销信息', type: 'checkbox', required: true },
    ];
    const form = await api(base, 'POST', '/api/forms', { name: '报名表', title: '双十一报名', fields, webhookIds: [webhook.id] }, key);
    const url = `${base}/f/${form.key}`;
    const secret = undefined;

    const outcome = async (): Promise<Outcome> => {
      const [rows] = (await db.query(
        "SELECT JSON_UNQUOTE(JSON_EXTRACT(data, '$.ref')) AS ref, COUNT(*) AS n FROM form_submissions WHERE formId = ? GROUP BY ref",
        [form.id],
      )) as unknown as [{ ref: string; n: number }[]];
      return { stored: new Map(rows.map((r) => [r.ref, Number(r.n)])), delivered };
    };
    await runPhases({
      label: 'POST /f/:key',
      common: { url, kind: 'form', secret },
      defaultRate: 200,
      rowName: 'submissions',
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
