import { execFile, spawn } from 'child_process';
import { randomBytes } from 'crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative, resolve } from 'path';
import { promisify } from 'util';
import type { Env } from '../src/config/env';
import { dropDatabase } from '../src/database/ensure-database';
import { childEnv, freePort, ROOT, runEntrypoint, Spawned } from './support/processes';
import { anchors, bashFencesIn, linkTargets, shellBlocks, ShellBlock } from './support/readme';
import { testEnv } from './support/test-app';
import { until } from './support/until';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const TUTORIAL = 'The first ten minutes';

/**
 * What each step's output must show, beyond its own success (its curl calls fail on any HTTP error).
 * Keyed by the step's number (tutorial) or its heading (examples); every runnable block needs an entry.
 */
const EXPECTED: Record<string, RegExp[]> = {
  '0': [/"via":"apiKey"/, /^customer \d+$/m],
  '1': [/"signatureScheme":\s*"dmhub"/, /"secret":\s*"••••••/],
  '2': [/"x-clab-hmac-signature":\s*"[0-9a-f]{64}"/i, /"text":\s*"张伟 你好, score 620"/, /\{"hi":"大伟"\}/],
  '3': [/"status":\s*"delivered"/, /"status":\s*200/, /"signature":\s*"ok"/],
  '4': [/"created":2/, /"added":3/, /"memberCount":\s*3/],
  '5': [/"status":\s*"completed"/, /"delivered":\s*3/, /"failed":\s*0/],
  '6': [/"status":"scheduled"/, /"status":"completed".*"delivered":3/],
  '7': [/"event":"loyalty\/membership_level_up"/, /"path":"\/loyalty","signature":"ok"/, /"deliveries":1\}/],
  '8': [/"status":"active"/, /"entered":3,.*"completed":3,"failed":0/, /"outcome":\s*"delivered"/, /"tutorial":true/],
  '9': [/\/f\/[A-Za-z0-9_-]+/, /<label for="f-phone">手机/, /\{"status":"accepted"/],
  '10': [/"receiverSaid":true/, /a forged signature: HTTP 401/, /"verdict":"unauthorized","status":401/, /"verdict":"answered","status":200/],
  '11': [
    /"type":"loyalty\/membership_redeem_coupon"/,
    /\{"statusCode":403,"code":"forbidden","params":\{"permission":"customers:read"\}\}/,
    /"role":"marketer"/,
    /"action":"created","resource":"console_user".*"actor":"demo \(hk_/,
  ],
  'Mass and scheduled sends (群发, 定时发送)': [/"count":\d+/, /"type":"dynamic"/],
  'Loyalty and fixed events (会员, 优惠券, 固定事件触发)': [/"type":"loyalty\/membership_redeem_coupon"/],
  'Journeys (自动流程)': [/"status":"draft"/],
};

const keyOf = (b: ShellBlock) => (b.kind === 'tutorial' ? (/^\d+/.exec(b.title)?.[0] ?? b.title) : b.title);
const started = (i: number) => `::readme-block ${i} start`;
const finished = (i: number) => `::readme-block ${i} ok`;

/**
 * The README's tutorial, then its examples, run as written in one bash against a Herald of its own: the built
 * api and worker as processes on a migrated database, the demo seed, and the demo receiver.
 */
describe('README: the first ten minutes, run as written', () => {
  const blocks = shellBlocks(README);
  let env: Env;
  let work: string;
  let receiverUrl: string;
  let receiverSecret: string;
  let key: string;
  let herald: string;
  const processes: Spawned[] = [];

  beforeAll(async () => {
    expect(existsSync(join(ROOT, 'dist', 'src', 'main.js'))).toBe(true);
    env = await testEnv();
    work = mkdtempSync(join(tmpdir(), 'herald-readme-'));
    const [receiverPort, apiPort] = [await freePort(), await freePort()];
    receiverSecret = randomBytes(18).toString('base64url');
    receiverUrl = `http://127.0.0.1:${receiverPort}/`;
    // runEntrypoint runs dist/src/<script>; the receiver is a plain script of the repository (scripts/).
    const receiver = runEntrypoint(join('..', '..', 'scripts', 'demo-receiver.js'), { RECEIVER_PORT: String(receiverPort), RECEIVER_SECRET: receiverSecret });
    processes.push(receiver);
    await receiver.waitFor(/\[receiver\] listening on http:\/\/127\.0\.0\.1:\d+\//);

    const keyFile = join(work, 'demo-api-key');
    const seeded = await promisify(execFile)(process.execPath, [join(ROOT, 'dist', 'src', 'seed', 'seed-demo.js'), keyFile], {
      cwd: ROOT,
      env: { ...childEnv(env), DEMO_RECEIVER_URL: receiverUrl, DEMO_RECEIVER_SECRET: receiverSecret },
    });
    expect(seeded.stdout).toMatch(/^DEMO_WEBHOOK_ID=\d+$/m);
    key = readFileSync(keyFile, 'utf8').trim();

    const worker = runEntrypoint('worker.js', childEnv(env, { ALLOW_PRIVATE_TARGETS: 'true', METRICS_PORT: '0' }));
    const api = runEntrypoint('main.js', childEnv(env, { PORT: String(apiPort), HOST: '127.0.0.1', ALLOW_PRIVATE_TARGETS: 'true', LOG_LEVEL: 'warn' }));
    processes.push(worker, api);
    herald = `http://127.0.0.1:${apiPort}`;
    await until(
      () =>
        fetch(`${herald}/health`).then(
          (r) => r.status,
          () => 0,
        ),
      (s) => s === 200,
      60_000,
      'the api healthy',
    );
    await worker.waitFor(/worker started/, 60_000);
  }, 120_000);

  afterAll(async () => {
    for (const p of processes)
      if (p.child.exitCode === null && p.child.signalCode === null) {
        p.child.kill('SIGTERM');
        await p.exited;
      }
    if (env) await dropDatabase(env);
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('marks every bash block of the tutorial, and each runnable block has its expectations', () => {
    const tutorial = blocks.filter((b) => b.kind === 'tutorial');
    expect(tutorial.map(keyOf)).toEqual(Array.from({ length: 12 }, (_, i) => String(i)));
    expect(bashFencesIn(README, TUTORIAL)).toBe(tutorial.length);
    expect(blocks.map(keyOf).filter((k) => !EXPECTED[k])).toEqual([]);
    expect(Object.keys(EXPECTED).filter((k) => !blocks.some((b) => keyOf(b) === k))).toEqual([]);
  });

  it('runs the tutorial and the examples, each step answering what it should', async () => {
    const ordered = [...blocks.filter((b) => b.kind === 'tutorial'), ...blocks.filter((b) => b.kind === 'example')];
    const script = ['set -euo pipefail', 'exec 2>&1', ...ordered.flatMap((b, i) => [`echo '${started(i)}'`, b.code, `echo '${finished(i)}'`])].join('\n');
    writeFileSync(join(work, 'readme.sh'), script);
    const t0 = Date.now();
    const { code, output } = await runBash(
      join(work, 'readme.sh'),
      {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: work,
        LANG: 'C.UTF-8',
        HERALD: herald,
        KEY: key,
        RECEIVER: receiverUrl,
        RECEIVER_SECRET: receiverSecret,
      },
      180_000,
    );
    const seconds = ((Date.now() - t0) / 1000).toFixed(1);

    ordered.forEach((b, i) => {
      const from = output.indexOf(started(i));
      const to = output.indexOf(finished(i));
      const where = `README line ${b.line}, "${b.title}"`;
      if (from < 0 || to < 0) {
        throw new Error(`${where} failed (bash exit ${code}); its output:\n${from < 0 ? '(never started)' : output.slice(from)}`);
      }
      const out = output.slice(from + started(i).length, to);
      for (const pattern of EXPECTED[keyOf(b)]) {
        if (!pattern.test(out)) throw new Error(`${where}: the output lacks ${pattern}; it was:\n${out}`);
      }
    });
    expect(code).toBe(0);
    process.stdout.write(`README: ${ordered.length} blocks ran in ${seconds} s\n`);

    // Every message the tutorial sent reached the receiver signed with the right secret: the test send, 3 + 3
    // for the two sends, the loyalty event, 3 journey runs, the form's and the inbound journey's.
    const received = await until(
      async () => (await (await fetch(`${receiverUrl}_received`)).json()) as { path: string; signature: string }[],
      (r) => r.length >= 13,
      20_000,
      'thirteen messages at the receiver',
    );
    expect(received.map((m) => m.signature).filter((s) => s !== 'ok')).toEqual([]);
    expect(received).toHaveLength(13);
  }, 240_000);

  it('links only to files of the repository and to its own headings', () => {
    const headings = anchors(README);
    const broken = linkTargets(README).filter((target) => {
      if (/^(https?|mailto):/.test(target)) return false;
      if (target.startsWith('#')) return !headings.has(decodeURIComponent(target.slice(1)));
      const path = resolve(ROOT, decodeURIComponent(target.split('#')[0]));
      return relative(ROOT, path).startsWith('..') || !existsSync(path);
    });
    expect(broken).toEqual([]);
  });
});

/** Runs a bash script in its own directory with exactly the given environment; a run past the bound is killed. */
function runBash(file: string, env: Record<string, string>, timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn('bash', [file], { cwd: join(file, '..'), env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => {
      output += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      output += c.toString();
    });
    const timer = setTimeout(() => {
      output += `\n(killed after ${timeoutMs} ms)`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, output });
    });
  });
}
