/**
 * The load generator of bench:inbound and bench:forms, forked as its own process so that it does
 * not share an event loop with the receiver it is measured against. Sent one job by IPC, it answers
 * with the result. closed: `inFlight` callers each send their next request when the last one is
 * answered, for `seconds`. open: one request every 1/rate s for `seconds`, whatever the answers;
 * each latency is timed from the request's DUE time, so a slow answer cannot hide the ones queued
 * behind it. Every request carries a unique `ref` in its body; the accepted ones are returned.
 */
import { createHmac } from 'crypto';
import http from 'http';

export interface LoadJob {
  url: string;
  kind: 'hook' | 'form';
  /** hook: HMAC-SHA256 secret for X-Hub-Signature-256. */
  secret?: string;
  mode: 'closed' | 'open';
  inFlight: number;
  rate: number;
  seconds: number;
  /** Prefix of each request's ref (unique per phase). */
  phase: string;
}

export interface LoadResult {
  sent: number;
  seconds: number;
  latenciesMs: number[];
  statuses: Record<string, number>;
  accepted: string[];
}

function requestFor(job: LoadJob, n: number): { ref: string; body: string; headers: Record<string, string> } {
  const ref = `${job.phase}-${n}`;
  const mobile = `139${String(10_000_000 + n + (job.phase === 'open' ? 50_000_000 : 0)).padStart(8, '0')}`;
  if (job.kind === 'hook') {
    const body = JSON.stringify({ ref, event: 'order.paid', order: { id: `O-${ref}`, total: 199.5, items: [{ sku: 'A-1', qty: 2 }] } });
    const signature = `sha256=${createHmac('sha256', job.secret!).update(body).digest('hex')}`;
    return { ref, body, headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': signature } };
  }
  const body = new URLSearchParams({ name: `张三 ${n}`, mobile, ref, consent: 'on' }).toString();
  return { ref, body, headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'text/html' } };
}

async function run(job: LoadJob): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.mode === 'closed' ? job.inFlight : 2000 });
  const target = new URL(job.url);
  const latenciesMs: number[] = [];
  const statuses: Record<string, number> = {};
  const accepted: string[] = [];
  let sent = 0;
  const one = (n: number, due: number) =>
    new Promise<void>((resolve) => {
      const { ref, body, headers } = requestFor(job, n);
      const done = (status: string) => {
        latenciesMs.push(performance.now() - due);
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status.startsWith('2') || status === '303') accepted.push(ref);
        resolve();
      };
      const req = http.request(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          agent,
          headers: { ...headers, 'Content-Length': Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.on('end', () => done(String(res.statusCode)));
        },
      );
      req.on('error', (e) => done(`error ${(e as NodeJS.ErrnoException).code ?? e.message}`));
      req.end(body);
    });
  const started = performance.now();
  const end = started + job.seconds * 1000;
  if (job.mode === 'closed') {
    await Promise.all(
      Array.from({ length: job.inFlight }, async () => {
        while (performance.now() < end) {
          const n = sent++;
          await one(n, performance.now());
        }
      }),
    );
  } else {
    const interval = 1000 / job.rate;
    const total = Math.round(job.seconds * job.rate);
    const pending: Promise<void>[] = [];
    while (sent < total) {
      const now = performance.now();
      // Everything due by now goes out now (a late timer sends the backlog, with its due times).
      while (sent < total && started + sent * interval <= now) {
        const n = sent++;
        pending.push(one(n, started + n * interval));
      }
      const next = started + sent * interval;
      await new Promise((r) => setTimeout(r, Math.max(0, next - performance.now())));
    }
    await Promise.all(pending);
  }
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { sent, seconds, latenciesMs, statuses, accepted };
}

process.on('message', (job: LoadJob) => {
  run(job).then(
    (result) => process.send!(result, () => process.exit(0)),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
});
