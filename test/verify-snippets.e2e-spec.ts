/**
 * docs/verify/: each language's X-Clab-Hmac-Signature check, run on a message Herald really sent
 * (a test send to a live receiver): the body as received is valid, one byte changed is invalid, and
 * during a secret rotation the new secret verifies through X-Clab-Hmac-Signature-New.
 */
import { execFile } from 'child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { delimiter, join } from 'path';
import { DEMO_CUSTOMERS } from '../src/seed/demo-data';
import { Receiver } from './support/receiver';
import { createTenant, createTestApp, TestApp, TestTenant } from './support/test-app';
import { javaDmhubSignature } from './support/verify';

const SNIPPETS = join(__dirname, '..', 'docs', 'verify');

/** How each snippet runs, and the Debian package scripts/test-env.sh installs for it. */
const LANGUAGES = [
  { name: 'Node', command: process.execPath, args: ['verify.js'], pkg: 'nodejs' },
  { name: 'Python', command: 'python3', args: ['verify.py'], pkg: 'python3' },
  { name: 'PHP', command: 'php', args: ['verify.php'], pkg: 'php-cli' },
  { name: 'Go', command: 'go', args: ['run', 'verify.go'], pkg: 'golang-go' },
  { name: 'Java', command: 'java', args: ['Verify.java'], pkg: 'default-jdk-headless' },
];

function onPath(command: string): boolean {
  const dirs = command.includes('/') ? [''] : (process.env.PATH ?? '').split(delimiter);
  return dirs.some((dir) => {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[]): Promise<Run> {
  // go needs a build cache even where HOME is unset (CI containers).
  const env = { ...process.env, GOCACHE: process.env.GOCACHE ?? join(tmpdir(), 'herald-verify-gocache') };
  return new Promise((resolve) => {
    execFile(command, args, { cwd: SNIPPETS, env, timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout: stdout.trim(), stderr: stderr.trim() });
    });
  });
}

describe('docs/verify: X-Clab-Hmac-Signature checks on a real message from Herald', () => {
  const secret = 'docs-verify-secret-0001';
  const newSecret = 'docs-verify-secret-0002';
  let t: TestApp;
  let a: TestTenant;
  let receiver: Receiver;
  let dir: string;
  /** Files written from what the receiver got, and the header values that came with them. */
  const files = { body: '', tampered: '', rotated: '' };
  let signature = '';
  let rotated = { old: '', new: '' };

  beforeAll(async () => {
    // A test send runs inline in the api (no worker needed): the message is the one any send makes.
    t = await createTestApp();
    a = await createTenant(t, 'Docs');
    receiver = await Receiver.start();
    dir = mkdtempSync(join(tmpdir(), 'herald-verify-'));
    // Bob "Quotes" O'Brien: spaces (removed before signing), quotes and a backslash (escaped in JSON).
    const bob = DEMO_CUSTOMERS.find((c) => c.name.includes('Quotes'))!;
    const customer = await t.http().post('/api/customers').set(a.auth).send(bob).expect(201);
    const webhook = await t
      .http()
      .post('/api/webhooks')
      .set(a.auth)
      .send({
        name: 'Docs receiver',
        url: receiver.url('/dmhub'),
        secret,
        // U+3000 is not Java whitespace: a snippet that strips Unicode spaces gets another signature.
        bodyTemplate: { msgtype: 'text', text: { content: '{{ customer.name }}\u3000升级为 金卡 🎉' }, mobile: '{{ customer.mobile }}' },
      })
      .expect(201);
    const send = () => t.http().post(`/api/webhooks/${webhook.body.id}/test`).set(a.auth).send({ customerId: customer.body.id }).expect(200);

    expect((await send()).body).toMatchObject({ status: 'delivered', source: 'test' });
    const [got] = await receiver.waitFor('/dmhub', 1);
    signature = String(got.headers['x-clab-hmac-signature']);
    expect(signature).toBe(javaDmhubSignature(secret, got.raw));
    expect(got.raw.toString('utf8')).toContain('\u3000');
    files.body = join(dir, 'body.json');
    writeFileSync(files.body, got.raw);
    const tampered = Buffer.from(got.raw);
    const at = tampered.indexOf('Bob');
    expect(at).toBeGreaterThan(0);
    tampered[at] = 'C'.charCodeAt(0);
    files.tampered = join(dir, 'tampered.json');
    writeFileSync(files.tampered, tampered);

    await t.http().post(`/api/webhooks/${webhook.body.id}/rotate-secret`).set(a.auth).send({ secret: newSecret }).expect(200);
    await send();
    const [, second] = await receiver.waitFor('/dmhub', 2);
    rotated = { old: String(second.headers['x-clab-hmac-signature']), new: String(second.headers['x-clab-hmac-signature-new']) };
    expect(rotated.new).toBe(javaDmhubSignature(newSecret, second.raw));
    files.rotated = join(dir, 'rotated.json');
    writeFileSync(files.rotated, second.raw);
  });

  afterAll(async () => {
    await receiver?.close();
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const lang of LANGUAGES) {
    const installed = onPath(lang.command);
    // CI must run all five; on a developer's machine a missing runtime is skipped, saying so.
    if (!installed && process.env.CI !== 'true') {
      process.stderr.write(`[verify-snippets] ${lang.name} skipped: ${lang.command} is not installed (apt-get install ${lang.pkg})\n`);
    }
    const test = installed || process.env.CI === 'true' ? it : it.skip;

    test(`${lang.name}: valid as sent, invalid with one byte changed, valid for the new secret during a rotation`, async () => {
      if (!installed) throw new Error(`${lang.command} is not installed: scripts/test-env.sh installs ${lang.pkg}`);
      const check = (key: string, body: string, ...headers: string[]) => run(lang.command, [...lang.args, key, body, ...headers]);
      const expectRun = (r: Run, out: 'valid' | 'invalid') =>
        expect({ out: r.stdout, code: r.code, stderr: r.stderr }).toEqual({ out, code: out === 'valid' ? 0 : 1, stderr: expect.any(String) });

      expectRun(await check(secret, files.body, signature), 'valid');
      expectRun(await check(secret, files.tampered, signature), 'invalid');
      expectRun(await check('another-secret-0003', files.body, signature), 'invalid');
      expectRun(await check(newSecret, files.rotated, rotated.old, rotated.new), 'valid');
      // The old header alone is the old secret's: the new secret does not match it.
      expectRun(await check(newSecret, files.rotated, rotated.old), 'invalid');
    }, 300_000);
  }
});
