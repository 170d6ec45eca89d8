/**
 * The fixed cost of an API request: N requests in flight (default 50) for a fixed time against
 * /health, GET /api/auth/me with an API key, the same with a console session cookie, and
 * GET /api/customers?limit=1 (API key). The api is its own process, logging at LOG_LEVEL info by
 * default (what production runs; --log-level to change), its stdout sent to /dev/null (pino still
 * formats and writes every line). Prints req/s, p50, p99 and the api's CPU ms per request.
 * Usage: npm run bench:api -- [--inflight 50] [--seconds 5] [--log-level info] [--only me-key] [--api-cpu-prof DIR]
 */
import { Agent, request } from 'http';
import { api, cpuSeconds, freePort, percentile, startApi, stopProcess, stringArg, numberArg } from './support';

interface Target {
  name: string;
  path: string;
  headers: Record<string, string>;
}

function get(agent: Agent, port: number, target: Target): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ agent, host: '127.0.0.1', port, path: target.path, headers: target.headers }, (res) => {
      res.on('data', () => undefined);
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

async function load(port: number, target: Target, inflight: number, seconds: number, pid: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: inflight });
  // Warm-up: JIT, connections, caches.
  const warmUntil = performance.now() + 1000;
  await Promise.all(
    Array.from({ length: inflight }, async () => {
      while (performance.now() < warmUntil) await get(agent, port, target);
    }),
  );
  const latencies: number[] = [];
  let bad = 0;
  const cpuBefore = cpuSeconds(pid);
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: inflight }, async () => {
      while (performance.now() < until) {
        const t = performance.now();
        const status = await get(agent, port, target);
        latencies.push(performance.now() - t);
        if (status !== 200) bad++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const cpu = cpuSeconds(pid) - cpuBefore;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const n = latencies.length;
  console.log(
    `  ${target.name.padEnd(34)} ${String(Math.round(n / elapsed)).padStart(6)} req/s  p50 ${percentile(latencies, 50).toFixed(1).padStart(5)} ms  p99 ${percentile(
      latencies,
      99,
    )
      .toFixed(1)
      .padStart(5)} ms  api CPU ${((cpu * 1000) / n).toFixed(3)} ms/req${bad ? `  NON-200: ${bad}` : ''}`,
  );
}

async function main() {
  const inflight = numberArg('inflight', 50);
  const seconds = numberArg('seconds', 5);
  const only = stringArg('only');
  const port = await freePort();
  const profileDir = stringArg('api-cpu-prof');
  const apiProcess = await startApi(
    port,
    { LOG_LEVEL: stringArg('log-level') ?? 'info', LOG_FORMAT: 'json' },
    profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
    'ignore',
  );
  const base = `http://127.0.0.1:${port}`;
  try {
    const { apiKey } = await api(base, 'POST', '/api/tenants', { name: 'bench' }, process.env.ADMIN_TOKEN);
    const key = apiKey.key as string;
    const email = `bench-${Date.now()}@example.com`;
    const password = 'bench-password-0123456789';
    await api(base, 'POST', '/api/console-users', { email, password, name: 'bench' }, key);
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (!login.ok) throw new Error(`login → ${login.status}`);
    const cookie = login.headers.getSetCookie()[0].split(';')[0];
    await api(base, 'POST', '/api/customers', { name: 'bench', mobile: '13800000000' }, key);
    const bearer = { Authorization: `Bearer ${key}` };
    const targets: Target[] = [
      { name: 'GET /health', path: '/health', headers: {} },
      { name: 'GET /api/auth/me (API key)', path: '/api/auth/me', headers: bearer },
      { name: 'GET /api/auth/me (session cookie)', path: '/api/auth/me', headers: { Cookie: cookie } },
      { name: 'GET /api/customers?limit=1', path: '/api/customers?limit=1', headers: bearer },
    ];
    const slugs = ['health', 'me-key', 'me-session', 'customers'];
    console.log(`${inflight} in flight, ${seconds} s each (after 1 s warm-up), api LOG_LEVEL ${stringArg('log-level') ?? 'info'}`);
    for (const [i, target] of targets.entries()) {
      if (only && !only.split(',').includes(slugs[i])) continue;
      await load(port, target, inflight, seconds, apiProcess.pid!);
    }
  } finally {
    await stopProcess(apiProcess);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
