/**
 * The frequency cap's own cost, without the rest of a send: 100 fan-out pages of 1,000 messages
 * reserved against a tenant cap (window open: every message allowed), as the fan-out does it — the
 * identities and counts built per message, one Lua call per page. Prints CPU per message in this
 * process (building the call, ioredis) and in Redis (the script), from process.cpuUsage and INFO.
 * Usage: REDIS_PORT=6380 npx ts-node --transpile-only bench/frequency-cap-reserve.ts [--pages 100]
 */
import Redis from 'ioredis';
import type { Queue } from 'bull';
import type { Env } from '../src/config/env';
import { CapReservations } from '../src/frequency-caps/cap-reservations.service';
import { reservationOf, type CandidateMessage } from '../src/frequency-caps/marketing';
import { numberArg } from './support';

async function redisCpuSeconds(client: Redis): Promise<number> {
  const info = await client.info('cpu');
  const value = (k: string) => Number(new RegExp(`${k}:([\\d.]+)`).exec(info)![1]);
  return value('used_cpu_user') + value('used_cpu_sys');
}

async function main() {
  const pages = numberArg('pages', 100);
  const client = new Redis({ host: process.env.REDIS_HOST ?? '127.0.0.1', port: Number(process.env.REDIS_PORT ?? 6379) });
  const prefix = `bench_fcap_${process.pid}`;
  const reservations = new CapReservations({ client } as unknown as Queue, { REDIS_PREFIX: prefix } as Env);
  const caps = { tenant: { maxMessages: 3, windowMs: 86_400_000 }, webhooks: new Map() };
  const page = (p: number): CandidateMessage[] =>
    Array.from({ length: 1000 }, (_, i) => ({
      id: `m${p}-${i}`,
      tenantId: 1,
      webhookId: 1,
      customerId: p * 1000 + i + 1,
      source: 'broadcast',
      sourceId: 1,
      dedupeKey: p * 1000 + i + 1,
    }));
  const all = Array.from({ length: pages }, (_, p) => page(p));
  await reservations.reserve(all[0].map((m) => reservationOf(m, caps, (c, w) => reservations.key(1, c, w)))); // warm up
  const redisBefore = await redisCpuSeconds(client);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let allowed = 0;
  for (const messages of all.slice(1)) {
    const answers = await reservations.reserve(messages.map((m) => reservationOf(m, caps, (c, w) => reservations.key(1, c, w))));
    allowed += answers.filter(Boolean).length;
  }
  const wall = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const redisCpu = (await redisCpuSeconds(client)) - redisBefore;
  const n = (pages - 1) * 1000;
  console.log(`messages reserved     ${n} in ${pages - 1} pages of 1,000 (allowed ${allowed})`);
  console.log(`wall                  ${(wall / (pages - 1)).toFixed(1)} ms per page`);
  console.log(`this process CPU      ${((cpu.user + cpu.system) / 1000 / n).toFixed(4)} ms/msg`);
  console.log(`redis CPU             ${((redisCpu * 1000) / n).toFixed(4)} ms/msg`);
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await client.del(...keys);
  } while (cursor !== '0');
  client.disconnect();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
