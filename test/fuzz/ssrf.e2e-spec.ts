/**
 * Outbound safety: with ALLOW_PRIVATE_TARGETS=false (a separate api and worker whose env says so),
 * webhooks to loopback, private, link-local and meta addresses — written every way a URL can
 * write them — are refused at connect time: test sends (the api sends) and mass sends (the worker
 * sends) end `failed` with error class `blocked`, and nothing reaches the receiver listening on
 * every local address. A redirect from an allowed receiver to a local one is never followed.
 */
import { createServer, Server } from 'http';
import type { AddressInfo } from 'net';
import { ADMIN_TOKEN } from '../support/test-app';
import { until } from '../support/until';
import { Deployment } from './support/deployment';

/** Every request any local address got, on one port (all interfaces, IPv4 and IPv6). */
class Catcher {
  readonly hits: string[] = [];
  server!: Server;
  port = 0;

  static async start(host: string, port = 0, reply: (path: string) => [number, Record<string, string>] = () => [200, {}]): Promise<Catcher> {
    const c = new Catcher();
    c.server = createServer((req, res) => {
      c.hits.push(`${req.method} ${req.socket.localAddress} ${req.url}`);
      const [status, headers] = reply(req.url ?? '/');
      res.writeHead(status, headers).end('{"ok":true}');
    });
    await new Promise<void>((resolve) => c.server.listen({ port, host, ipv6Only: false }, resolve));
    c.port = (c.server.address() as AddressInfo).port;
    return c;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** Saved as valid URLs (127.1, 0x7f.1, 2130706433 and a few more are refused on save, which is as good), so the connect-time check refuses them. */
const MUST_REACH_THE_SENDER = [
  'loopback',
  'ipv6-loopback',
  'private-10',
  'latest/meta-data/',
  'name-resolving-to-loopback',
  'hex-integer',
  'ipv4-mapped-ipv6',
  'unspecified',
];

describe('SSRF: private targets are refused when ALLOW_PRIVATE_TARGETS=false', () => {
  let d: Deployment;
  let local: Catcher;
  let allowed: Catcher;
  let key: string;
  let customerId: number;
  let groupId: number;

  beforeAll(async () => {
    // Listens on every local address, IPv4 and IPv6: whatever a blocked URL resolves to here, it would land on it.
    local = await Catcher.start('::');
    // A receiver the deployment allows by name (TARGET_ALLOWLIST): it redirects to the local one.
    allowed = await Catcher.start('127.0.0.2', 0, (path) =>
      path.startsWith('/redirect') ? [302, { Location: `http://127.0.0.1:${local.port}/followed-redirect` }] : [200, {}],
    );
    d = await Deployment.start({ worker: true, env: { ALLOW_PRIVATE_TARGETS: 'false', TARGET_ALLOWLIST: '127.0.0.2' } });
    const created = await d.http.ok('POST', '/api/tenants', { name: 'ssrf' }, ADMIN_TOKEN);
    key = created.apiKey.key;
    customerId = (await d.http.ok('POST', '/api/customers', { name: 'SSRF 客户', mobile: '13700000001' }, key)).id;
    const second = (await d.http.ok('POST', '/api/customers', { name: 'SSRF 客户 2', mobile: '13700000002' }, key)).id;
    groupId = (await d.http.ok('POST', '/api/groups', { name: 'ssrf', type: 'static' }, key)).id;
    await d.http.ok('POST', `/api/groups/${groupId}/members`, { customerIds: [customerId, second] }, key);
  }, 120_000);

  afterAll(async () => {
    await d?.close();
    await local?.close();
    await allowed?.close();
  });

  const targets = (p: number) => [
    `http://127.0.0.1:${p}/loopback`,
    `http://[::1]:${p}/ipv6-loopback`,
    `http://10.0.0.1:${p}/private-10`,
    `http://192.168.0.1:${p}/private-192`,
    `http://172.16.0.1:${p}/private-172`,
    `http://100.64.0.1:${p}/carrier-grade-nat`,
    'http://169.254.169.254/latest/meta-data/',
    `http://[fe80::1]:${p}/ipv6-link-local`,
    `http://[fd00::1]:${p}/ipv6-unique-local`,
    `http://localhost:${p}/name-resolving-to-loopback`,
    `http://LOCALHOST.:${p}/name-with-a-trailing-dot`,
    `http://127.1:${p}/short-form`,
    `http://0x7f.1:${p}/hex-form`,
    `http://0x7f000001:${p}/hex-integer`,
    `http://2130706433:${p}/decimal-integer`,
    `http://0177.0.0.1:${p}/octal-form`,
    `http://127.0.0.3:${p}/other-loopback`,
    `http://0.0.0.0:${p}/unspecified`,
    `http://0:${p}/zero`,
    `http://[::]:${p}/ipv6-unspecified`,
    `http://[::ffff:127.0.0.1]:${p}/ipv4-mapped-ipv6`,
    `http://[::ffff:7f00:1]:${p}/ipv4-mapped-ipv6-hex`,
    `http://[0:0:0:0:0:ffff:127.0.0.1]:${p}/ipv4-mapped-long`,
    `http://[64:ff9b::7f00:1]:${p}/nat64`,
    `http://user:pass@127.0.0.1:${p}/with-userinfo`,
    `https://127.0.0.1:${p}/https`,
  ];

  it('test sends (sent by the api) to every private address form end failed/blocked; nothing arrives', async () => {
    const outcomes: string[] = [];
    for (const url of targets(local.port)) {
      const hook = await d.http.json('POST', '/api/webhooks', { name: url.slice(0, 90), url, maxAttempts: 3 }, key);
      if (hook.status === 400) {
        outcomes.push(`${url}: refused when saved`);
        continue;
      }
      expect(`${url}: ${hook.status}`).toBe(`${url}: 201`);
      const sent = await d.http.ok('POST', `/api/webhooks/${hook.json.id}/test`, { customerId }, key);
      outcomes.push(`${url}: ${sent.status} ${sent.lastErrorClass} (${sent.attemptLog.length} attempt)`);
    }
    console.log(`SSRF test sends:\n${outcomes.join('\n')}`);
    expect(outcomes.filter((o) => !/: (failed blocked \(1 attempt\)|refused when saved)$/.test(o))).toEqual([]);
    // The brief's cases are saved (valid URLs), so the connect-time check is what refuses them.
    for (const kind of MUST_REACH_THE_SENDER) expect(outcomes.find((o) => o.includes(`/${kind}:`))).toMatch(/failed blocked/);
    expect(local.hits).toEqual([]);
  }, 120_000);

  it('a mass send (sent by the worker) to each of them ends with every message failed/blocked; nothing arrives', async () => {
    const broadcasts: { id: number; url: string }[] = [];
    for (const url of targets(local.port)) {
      const hook = await d.http.json('POST', '/api/webhooks', { name: `mass ${url}`.slice(0, 90), url, maxAttempts: 3, backoffBaseMs: 10 }, key);
      if (hook.status === 400) continue;
      const b = await d.http.ok('POST', '/api/broadcasts', { webhookId: hook.json.id, groupId }, key);
      broadcasts.push({ id: b.id, url });
    }
    expect(broadcasts.length).toBeGreaterThanOrEqual(MUST_REACH_THE_SENDER.length);
    for (const { id, url } of broadcasts) {
      const b = await until(
        () => d.http.ok('GET', `/api/broadcasts/${id}`, undefined, key),
        (x) => !['scheduled', 'sending'].includes(x.status),
        60_000,
        `mass send to ${url}`,
      );
      expect(`${url}: ${b.status} ${b.failed}/${b.total}`).toBe(`${url}: completed_with_failures 2/2`);
      const deliveries = (await d.http.ok('GET', `/api/broadcasts/${id}/deliveries`, undefined, key)).items;
      expect(deliveries.map((x: { status: string; lastErrorClass: string; attempts: number }) => `${x.status} ${x.lastErrorClass} ${x.attempts}`)).toEqual([
        'failed blocked 1',
        'failed blocked 1',
      ]);
    }
    expect(local.hits).toEqual([]);
  }, 180_000);

  it('a redirect from an allowed receiver to a local address is not followed', async () => {
    const ok = await d.http.ok('POST', '/api/webhooks', { name: 'allowed', url: `http://127.0.0.2:${allowed.port}/hello` }, key);
    const delivered = await d.http.ok('POST', `/api/webhooks/${ok.id}/test`, { customerId }, key);
    // The control: an allowed target is reached, so the refusals above are the filter's doing.
    expect(delivered.status).toBe('delivered');
    const hook = await d.http.ok('POST', '/api/webhooks', { name: 'redirects', url: `http://127.0.0.2:${allowed.port}/redirect`, maxAttempts: 3 }, key);
    const sent = await d.http.ok('POST', `/api/webhooks/${hook.id}/test`, { customerId }, key);
    expect({ status: sent.status, code: sent.lastStatusCode, attempts: sent.attemptLog.length }).toEqual({ status: 'failed', code: 302, attempts: 1 });
    const b = await d.http.ok('POST', '/api/broadcasts', { webhookId: hook.id, groupId }, key);
    const done = await until(
      () => d.http.ok('GET', `/api/broadcasts/${b.id}`, undefined, key),
      (x) => !['scheduled', 'sending'].includes(x.status),
      60_000,
      'the redirected mass send',
    );
    expect(`${done.status} ${done.failed}/${done.total}`).toBe('completed_with_failures 2/2');
    expect(allowed.hits.filter((h) => h.includes('/redirect'))).toHaveLength(3);
    expect(local.hits).toEqual([]);
  }, 120_000);
});
