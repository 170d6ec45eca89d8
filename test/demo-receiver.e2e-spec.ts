import { spawn, type ChildProcess } from 'child_process';
import { join } from 'path';
import { signatureHeaders } from '../src/signing/sign';
import { ROOT } from './support/processes';
import { until } from './support/until';

const DMHUB_SECRET = 'receiver-test-secret';
const STANDARD_SECRET = 'whsec_' + Buffer.alloc(32, 7).toString('base64');

/** scripts/demo-receiver.js checks what Herald's own signing (src/signing/sign.ts) produces. */
describe('demo receiver (npm run receiver)', () => {
  let child: ChildProcess;
  let base: string;
  let output = '';

  beforeAll(async () => {
    child = spawn(process.execPath, [join(ROOT, 'scripts', 'demo-receiver.js'), '--port', '0', '--secret', DMHUB_SECRET], {
      env: { PATH: process.env.PATH, RECEIVER_STANDARD_SECRET: STANDARD_SECRET },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (c: Buffer) => {
      output += c.toString();
    });
    child.stderr!.on('data', (c: Buffer) => {
      output += c.toString();
    });
    const line = await until(
      () => output,
      (o) => /listening on/.test(o),
      10_000,
      'the receiver to listen',
    );
    expect(line.trim().split('\n')).toEqual([expect.stringMatching(/^\[receiver\] listening on http:\/\/127\.0\.0\.1:\d+\/$/)]);
    base = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(line)![1];
  });
  afterAll(() => {
    child?.kill('SIGTERM');
  });

  const post = async (path: string, body: string, headers: Record<string, string>) => {
    const res = await fetch(base + path, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });
    return { status: res.status, body: await res.json() };
  };
  const last = async () => ((await (await fetch(`${base}_received`)).json()) as { path: string; signature: string; body: unknown }[]).at(-1);

  it('accepts DM Hub signatures (either header of a rotation) and refuses a wrong one with 401', async () => {
    // Spaces and newlines are not signed (DM Hub strips Java whitespace before the HMAC).
    const body = '{ "event": "webhook/test",\n  "name": "张 伟" }';
    const now = new Date();
    expect(await post('dmhub', body, signatureHeaders('dmhub', { current: DMHUB_SECRET }, 'm1', body, now))).toEqual({ status: 200, body: { success: true } });
    expect(await last()).toMatchObject({ path: '/dmhub', signature: 'ok', body: { event: 'webhook/test', name: '张 伟' } });
    const rotating = signatureHeaders('dmhub', { current: DMHUB_SECRET, previous: 'the-old-secret' }, 'm2', body, now);
    expect((await post('dmhub', body, rotating)).status).toBe(200);
    const wrong = signatureHeaders('dmhub', { current: 'not-the-secret' }, 'm3', body, now);
    expect(await post('dmhub', body, wrong)).toEqual({ status: 401, body: { success: false, error: 'bad signature' } });
    expect(await last()).toMatchObject({ signature: 'bad' });
    expect(output).toMatch(/POST \/dmhub\n {2}event {6}-\n {2}signature {2}X-Clab-Hmac-Signature BAD/);
  });

  it('accepts Standard Webhooks signatures and refuses a tampered body', async () => {
    const body = '{"event":"loyalty/coupon_dispatched"}';
    const headers = signatureHeaders('standard', { current: STANDARD_SECRET }, 'msg_1', body, new Date());
    expect((await post('std', body, headers)).status).toBe(200);
    expect(await last()).toMatchObject({ path: '/std', signature: 'ok' });
    expect((await post('std', body.replace('coupon', 'c0upon'), headers)).status).toBe(401);
  });

  it('takes an unsigned message on any path and method, and keeps it for GET /_received', async () => {
    const res = await fetch(`${base}any/path?x=1`, { method: 'PUT', body: 'plain text' });
    expect(res.status).toBe(200);
    expect(await last()).toMatchObject({ path: '/any/path?x=1', signature: 'none', body: 'plain text' });
  });
});
