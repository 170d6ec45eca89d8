import { ChildProcess, spawn } from 'child_process';
import { createServer } from 'net';
import { join } from 'path';
import type { Env } from '../../src/config/env';

export const ROOT = join(__dirname, '..', '..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface Spawned {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  waitFor: (pattern: RegExp, timeoutMs?: number) => Promise<void>;
}

/** Runs a built entrypoint (dist/src/...) with exactly the given environment. */
export function runEntrypoint(script: string, env: Record<string, string | undefined>): Spawned {
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'src', script)], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  const onData = (chunk: Buffer) => {
    out += chunk.toString();
    for (const w of [...waiters])
      if (w.pattern.test(out)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    output: () => out,
    exited,
    waitFor: (pattern, timeoutMs = 20_000) =>
      new Promise<void>((resolve, reject) => {
        if (pattern.test(out)) return resolve();
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}; output:\n${out}`)), timeoutMs);
        waiters.push({
          pattern,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      }),
  };
}

/** The env variables a child process needs to reach the test's database and Redis. */
export function childEnv(env: Env, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DB_TYPE: env.DB_TYPE,
    DB_HOST: env.DB_HOST,
    DB_PORT: String(env.DB_PORT),
    DB_USER: env.DB_USER,
    DB_PASSWORD: env.DB_PASSWORD,
    DB_NAME: env.DB_NAME,
    REDIS_HOST: env.REDIS_HOST,
    REDIS_PORT: String(env.REDIS_PORT),
    REDIS_PREFIX: env.REDIS_PREFIX,
    LOG_LEVEL: 'info',
    ...(env.SECRETS_KEY ? { SECRETS_KEY: env.SECRETS_KEY } : {}),
    ...extra,
  };
}
