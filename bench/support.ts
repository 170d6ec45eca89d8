import { ChildProcess, spawn } from 'child_process';
import { createServer } from 'net';
import { readFileSync } from 'fs';
import { createConnection } from 'mysql2/promise';
import { join } from 'path';

export const ROOT = join(__dirname, '..');

/** `--name value` from the command line: a number, or the fallback. */
export function numberArg(name: string, fallback: number): number {
  const value = stringArg(name);
  return value === undefined ? fallback : Number(value);
}

export function stringArg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Starts the api (dist/src/main.js) on `port`; resolves when /health answers 200. */
export async function startApi(
  port: number,
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
  stdout: 'inherit' | 'ignore' = 'inherit',
): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...nodeArgs, join(ROOT, 'dist', 'src', 'main.js')], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', stdout, 'inherit'],
  });
  let exited: number | null = null;
  child.once('exit', (code) => (exited = code ?? -1));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited !== null) throw new Error(`api exited with ${exited}`);
    const ok = await fetch(`http://127.0.0.1:${port}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return child;
    if (Date.now() > deadline) throw new Error('api did not become healthy in 30 s');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts the worker (dist/src/worker.js); resolves once it is up (its metrics port answers). */
export async function startWorker(nodeArgs: string[] = []): Promise<ChildProcess> {
  const metricsPort = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, join(ROOT, 'dist', 'src', 'worker.js')], {
    env: { ...process.env, METRICS_PORT: String(metricsPort) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${metricsPort}/metrics`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return child;
    if (Date.now() > deadline) throw new Error('worker did not start in 30 s');
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export async function api(base: string, method: string, path: string, body?: unknown, token?: string): Promise<any> {
  const res = await fetch(base + path, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** Inserts N customers with SQL (not timed by the benchmarks) and puts them all in a static group. */
export async function seedGroup(tenantId: number, groupId: number, n: number): Promise<void> {
  const db = await createConnection({ host: '127.0.0.1', port: Number(process.env.DB_PORT), user: 'root', database: process.env.DB_NAME });
  const [[{ m }]] = (await db.query('SELECT COALESCE(MAX(id), 0) AS m FROM customers')) as unknown as [[{ m: number }]];
  for (let i = 0; i < n; i += 5000) {
    const rows = [];
    for (let j = i; j < Math.min(n, i + 5000); j++) {
      rows.push([
        tenantId,
        `客户 ${j} "VIP"`,
        `n${j}`,
        `1${String(3000000000 + j)}`,
        `c${j}@example.com`,
        j % 1000,
        JSON.stringify({ city: j % 2 ? '上海' : 'Beijing' }),
      ]);
    }
    await db.query('INSERT INTO customers (tenantId, name, wechatNickname, mobile, email, activityScore, attributes) VALUES ?', [rows]);
  }
  await db.query('INSERT INTO group_members (groupId, customerId, tenantId) SELECT ?, id, tenantId FROM customers WHERE tenantId = ? AND id > ?', [
    groupId,
    tenantId,
    m,
  ]);
  await db.end();
}

/** Peak resident memory (VmHWM) of a process, in MB. */
export function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

/** CPU seconds (user + system) a process has used so far. */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

/** The pid of a service started by scripts/services.sh for this benchmark (e.g. 'mariadb/mysql.pid'). */
export function servicePid(name: string): number {
  return Number(readFileSync(`${process.env.HERALD_DATA_DIR}/${name}`, 'utf8').trim());
}
