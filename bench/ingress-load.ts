/** What bench:inbound and bench:forms share: the forked load generator, its figures, and the wait for what was accepted. */
import { fork } from 'child_process';
import { join } from 'path';
import type { LoadJob, LoadResult } from './loader';
import { cpuSeconds, numberArg, percentile, servicePid } from './support';

export type Processes = Record<string, number[]>;

export function cpuOf(processes: Processes): Record<string, number> {
  return Object.fromEntries(Object.entries(processes).map(([k, pids]) => [k, pids.reduce((a, p) => a + cpuSeconds(p), 0)]));
}

/** Runs one load phase in a child process (its own event loop) and returns what it saw. */
export function drive(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(join(__dirname, 'loader.ts'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result: LoadResult | undefined;
    child.on('message', (m) => (result = m as LoadResult));
    child.on('exit', (code) => (result ? resolve(result) : reject(new Error(`loader exited with ${code}`))));
    child.send(job);
  });
}

export function printLoad(label: string, job: LoadJob, r: LoadResult): void {
  const sorted = [...r.latenciesMs].sort((a, b) => a - b);
  const what = job.mode === 'closed' ? `${job.inFlight} in flight` : `paced at ${job.rate}/s, latency from each request's due time`;
  console.log(`${label}  (${what}, ${job.seconds} s)`);
  console.log(`  sent ${r.sent} in ${r.seconds.toFixed(1)} s = ${(r.sent / r.seconds).toFixed(0)} req/s achieved; accepted ${r.accepted.length}`);
  console.log(
    `  latency p50 ${percentile(sorted, 50).toFixed(1)} ms, p90 ${percentile(sorted, 90).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms`,
  );
  console.log(`  statuses ${JSON.stringify(r.statuses)}`);
}

export function printCpu(label: string, before: Record<string, number>, after: Record<string, number>, requests: number): void {
  console.log(
    `  CPU ${label}: ${Object.keys(before)
      .map((k) => `${k} ${(((after[k] - before[k]) * 1000) / requests).toFixed(3)}`)
      .join(', ')} ms/req`,
  );
}

export interface Outcome {
  /** Rows (runs / submissions) per ref. */
  stored: Map<string, number>;
  /** Messages at the receiver per ref. */
  delivered: Map<string, number>;
}

/** Waits (bounded) until every accepted ref has its row and its message; prints accepted vs stored vs delivered, duplicates and losses. */
export async function settle(
  label: string,
  phase: string,
  accepted: string[],
  rowName: string,
  outcome: () => Promise<Outcome>,
  timeoutMs = 120_000,
): Promise<void> {
  const started = Date.now();
  let o = await outcome();
  const missing = (m: Map<string, number>) => accepted.filter((ref) => !m.get(ref)).length;
  while ((missing(o.stored) || missing(o.delivered)) && Date.now() - started < timeoutMs) {
    await new Promise((r) => setTimeout(r, 500));
    o = await outcome();
  }
  // Only this phase's refs (the warm-up's and earlier phases' rows share the journey or form).
  const mine = (m: Map<string, number>) => [...m].filter(([ref]) => ref?.startsWith(`${phase}-`));
  const dup = (m: Map<string, number>) => mine(m).filter(([, n]) => n > 1).length;
  const total = (m: Map<string, number>) => mine(m).reduce((a, [, n]) => a + n, 0);
  const acceptedSet = new Set(accepted);
  const extra = mine(o.stored).filter(([ref]) => !acceptedSet.has(ref)).length;
  console.log(
    `  ${label}: accepted ${accepted.length}; ${rowName} ${total(o.stored)} (missing ${missing(o.stored)}, refs with more than one ${dup(o.stored)}, for refs not answered 2xx ${extra}); ` +
      `delivered ${total(o.delivered)} (missing ${missing(o.delivered)}, duplicates ${dup(o.delivered)}); settled after ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

/**
 * The bench's phases against one endpoint: a warm-up, then the closed loop (`--in-flight`, `--seconds`)
 * and the open loop (`--rate`, `--open-seconds`) unless skipped; each printed with the CPU of api,
 * worker, MariaDB, Redis and this process, then settled (every accepted ref stored and delivered).
 */
export async function runPhases(opts: {
  label: string;
  common: Pick<LoadJob, 'url' | 'kind' | 'secret'>;
  defaultRate: number;
  rowName: string;
  outcome: () => Promise<Outcome>;
  pids: { api: number; worker: number };
}): Promise<void> {
  const { label, common, rowName, outcome } = opts;
  const processes: Processes = {
    api: [opts.pids.api],
    worker: [opts.pids.worker],
    mariadb: [servicePid('mariadb/mysql.pid')],
    redis: [servicePid('redis/redis.pid')],
    'bench (receiver)': [process.pid],
  };
  const phases: LoadJob[] = [];
  if (!process.argv.includes('--skip-closed')) {
    phases.push({ ...common, mode: 'closed', inFlight: numberArg('in-flight', 200), rate: 0, seconds: numberArg('seconds', 15), phase: 'closed' });
  }
  if (!process.argv.includes('--skip-open')) {
    phases.push({ ...common, mode: 'open', inFlight: 0, rate: numberArg('rate', opts.defaultRate), seconds: numberArg('open-seconds', 15), phase: 'open' });
  }
  // A short warm-up (JIT, pools, prepared paths), not counted.
  await drive({ ...common, mode: 'closed', inFlight: 20, rate: 0, seconds: 2, phase: 'warmup' });
  for (const job of phases) {
    const before = cpuOf(processes);
    const result = await drive(job);
    const afterLoad = cpuOf(processes);
    printLoad(`${label}, ${job.mode} loop`, job, result);
    printCpu('during the load', before, afterLoad, result.sent);
    await settle('after the load', job.phase, result.accepted, rowName, outcome);
    printCpu('load + drain', before, cpuOf(processes), result.sent);
  }
}
