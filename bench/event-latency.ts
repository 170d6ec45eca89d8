/**
 * Latency on an idle system, through the real api and worker processes:
 * 1. Fixed events: one loyalty level change at a time through the API (up, down, up …) to a
 *    subscribed webhook; commit → receiver, measured from the API's answer (the commit is just
 *    before it) and from the event's own `date` (set inside the transaction: an upper bound).
 * 2. Scheduled sends: due time → first delivery at the receiver, over several schedules.
 * Usage: npm run bench:event-latency -- [--events 500] [--schedules 20]
 */
import { Receiver } from '../test/support/receiver';
import { api, freePort, numberArg, percentile, seedGroup, startApi, startWorker, stopProcess } from './support';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function summary(label: string, values: number[]): string {
  const s = [...values].sort((a, b) => a - b);
  return `${label.padEnd(34)} p50 ${percentile(s, 50).toFixed(1)} ms  p90 ${percentile(s, 90).toFixed(1)} ms  p99 ${percentile(s, 99).toFixed(1)} ms  max ${s[s.length - 1].toFixed(1)} ms  (n=${s.length})`;
}

async function main() {
  const events = numberArg('events', 500);
  const schedules = numberArg('schedules', 20);
  const receiver = await Receiver.start();
  receiver.keepBodies = false;
  const arrivals: { at: number; date: string }[] = [];
  receiver.on('/events', (req) => {
    arrivals.push({ at: performance.timeOrigin + performance.now(), date: JSON.parse(req.raw.toString()).date });
    return { status: 200 };
  });
  const scheduledArrivals = new Map<string, number>();
  receiver.on('/scheduled', (req) => {
    const body = JSON.parse(req.raw.toString());
    if (!scheduledArrivals.has(String(body.broadcast))) scheduledArrivals.set(String(body.broadcast), Date.now());
    return { status: 200 };
  });

  const port = await freePort();
  const apiProcess = await startApi(port);
  const worker = await startWorker(['--max-old-space-size=256', '--max-semi-space-size=32']);
  const base = `http://127.0.0.1:${port}`;
  try {
    const { tenant, apiKey } = await api(base, 'POST', '/api/tenants', { name: 'bench' }, process.env.ADMIN_TOKEN);
    const key = apiKey.key;
    const silver = await api(base, 'POST', '/api/loyalty/levels', { name: 'silver', rank: 1 }, key);
    const gold = await api(base, 'POST', '/api/loyalty/levels', { name: 'gold', rank: 2 }, key);
    const customer = await api(base, 'POST', '/api/customers', { name: 'Lat', mobile: '13900000000' }, key);
    const membership = await api(base, 'POST', '/api/loyalty/memberships', { customerId: customer.id, levelId: silver.id }, key);
    await api(
      base,
      'POST',
      '/api/webhooks',
      {
        name: 'events',
        url: receiver.url('/events'),
        triggerType: 'event',
        events: ['loyalty/membership_level_up', 'loyalty/membership_level_down'],
      },
      key,
    );

    const fromAnswer: number[] = [];
    const fromDate: number[] = [];
    for (let i = 0; i < events + 20; i++) {
      // One at a time: each change waits for its message before the next.
      await api(base, 'PATCH', `/api/loyalty/memberships/${membership.id}`, { levelId: i % 2 ? silver.id : gold.id }, key);
      const answered = performance.timeOrigin + performance.now();
      const deadline = Date.now() + 10_000;
      while (arrivals.length <= i) {
        if (Date.now() > deadline) throw new Error(`event ${i} did not arrive`);
        await sleep(1);
      }
      if (i >= 20) {
        // warm-up
        fromAnswer.push(arrivals[i].at - answered);
        fromDate.push(arrivals[i].at - Date.parse(arrivals[i].date));
      }
      await sleep(20);
    }

    const group = await api(base, 'POST', '/api/groups', { name: 'one', type: 'static' }, key);
    await seedGroup(tenant.id, group.id, 1);
    const hook = await api(
      base,
      'POST',
      '/api/webhooks',
      { name: 'scheduled', url: receiver.url('/scheduled'), bodyTemplate: { broadcast: '{{ broadcast.id }}' } },
      key,
    );
    const due = new Map<string, number>();
    for (let i = 0; i < schedules; i++) {
      // Spread over the dispatcher's tick: due times at odd offsets.
      const at = Date.now() + 1500 + Math.floor(Math.random() * 1000);
      const b = await api(base, 'POST', '/api/broadcasts', { webhookId: hook.id, groupId: group.id, scheduledAt: new Date(at).toISOString() }, key);
      due.set(String(b.id), at);
      await sleep(300);
    }
    const deadline = Date.now() + 30_000;
    while (scheduledArrivals.size < schedules && Date.now() < deadline) await sleep(50);
    const startLag = [...due].filter(([id]) => scheduledArrivals.has(id)).map(([id, at]) => scheduledArrivals.get(id)! - at);

    console.log(summary('event: API answer → receiver', fromAnswer));
    console.log(summary('event: event date → receiver', fromDate));
    console.log(summary('scheduled: due → first delivery', startLag));
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
