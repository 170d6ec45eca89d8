/**
 * 系统发放 to a whole group: N enrolled members get one code and one
 * loyalty/loyalty_dispatch_coupon event each, relayed through the outbox to a subscribed webhook.
 * Prints: enrol time, dispatch API time (codes + events committed), time until the receiver has
 * every message, unique membership ids and codes, bad signatures, peak RSS of api and worker.
 * Usage: npm run bench:loyalty-dispatch -- --members 10000
 */
import { javaDmhubSignature } from '../test/support/verify';
import { Receiver } from '../test/support/receiver';
import { api, freePort, numberArg, peakRssMb, seedGroup, startApi, startWorker, stopProcess } from './support';

async function main() {
  const n = numberArg('members', 10_000);
  const secret = 'bench-loyalty-secret-01';
  const receiver = await Receiver.start();
  receiver.keepBodies = false;
  const members = new Set<string>();
  const codes = new Set<string>();
  let bad = 0;
  let last = 0;
  receiver.on('/coupon', (req) => {
    if (req.headers['x-clab-hmac-signature'] !== javaDmhubSignature(secret, req.raw)) bad++;
    const body = JSON.parse(req.raw.toString('utf8'));
    members.add(body.membershipId);
    codes.add(body.couponCode);
    last = req.at;
    return { status: 200, body: '{"errcode":0}' };
  });
  const port = await freePort();
  const apiProcess = await startApi(port);
  const worker = await startWorker(['--max-old-space-size=256', '--max-semi-space-size=32']);
  const base = `http://127.0.0.1:${port}`;
  try {
    const { tenant, apiKey } = await api(base, 'POST', '/api/tenants', { name: 'bench' }, process.env.ADMIN_TOKEN);
    const key = apiKey.key;
    const group = await api(base, 'POST', '/api/groups', { name: 'members', type: 'static' }, key);
    await seedGroup(tenant.id, group.id, n);
    await api(base, 'POST', '/api/loyalty/levels', { name: '银卡', rank: 1 }, key);
    let t = performance.now();
    const enrolled = await api(base, 'POST', '/api/loyalty/memberships', { groupId: group.id }, key);
    const enrolMs = performance.now() - t;
    const coupon = await api(
      base,
      'POST',
      '/api/loyalty/coupons',
      {
        name: '双十一满减券',
        startDate: new Date().toISOString(),
        endDate: new Date(Date.now() + 86_400_000).toISOString(),
      },
      key,
    );
    await api(
      base,
      'POST',
      '/api/webhooks',
      {
        name: 'coupon',
        url: receiver.url('/coupon'),
        secret,
        triggerType: 'event',
        events: ['loyalty/loyalty_dispatch_coupon'],
        concurrency: 200,
      },
      key,
    );
    const started = Date.now();
    t = performance.now();
    const report = await api(base, 'POST', `/api/loyalty/coupons/${coupon.id}/dispatch`, { groupId: group.id }, key);
    const dispatchMs = performance.now() - t;
    const deadline = Date.now() + 600_000;
    while (members.size < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    console.log(`members               ${n} (enrolled ${enrolled.enrolled} from the group in ${enrolMs.toFixed(0)} ms)`);
    console.log(`dispatch API          ${dispatchMs.toFixed(0)} ms: ${report.dispatched} codes + events committed (batch ${report.batchId})`);
    console.log(
      `all delivered after   ${((last - started) / 1000).toFixed(1)} s from the dispatch call (${(n / ((last - started) / 1000)).toFixed(0)} events/s end to end)`,
    );
    console.log(`receiver              ${members.size} unique memberships, ${codes.size} unique codes, ${bad} bad signatures`);
    console.log(`peak RSS              api ${peakRssMb(apiProcess.pid!).toFixed(0)} MB, worker ${peakRssMb(worker.pid!).toFixed(0)} MB`);
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
