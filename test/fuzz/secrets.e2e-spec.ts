/**
 * No secret in any API answer or log line. A world with every kind of secret — webhook secrets
 * (dmhub, Standard Webhooks, rotated), basic-auth passwords (given, and from URL userinfo), secret
 * headers, inbound HMAC / token / Standard Webhooks secrets, a console password, API keys and a
 * session — is used in every way the API offers (lists, details, previews, test and mass sends,
 * fixed events, delivery details, inbound calls and their request log, the event log), while the
 * api's and the worker's stdout and stderr are kept whole. Only the answers that show a secret once
 * by design may hold it: an inbound trigger's creation and rotation, an API key's creation.
 */
import { createHmac } from 'crypto';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { Receiver } from '../support/receiver';
import { until } from '../support/until';
import { validParams } from './support/cases';
import { Deployment } from './support/deployment';
import { fill, operations } from './support/openapi';
import { buildWorld, World } from './support/world';

describe('no secret in any API answer or log line', () => {
  let d: Deployment;
  let receiver: Receiver;
  let w: World;
  const answers: { label: string; text: string; headers: string }[] = [];
  /** Secret → the labels of the answers allowed to show it (once, by design). */
  const shownOnce = new Map<string, RegExp>();
  let sessionToken = '';

  beforeAll(async () => {
    receiver = await Receiver.start();
    d = await Deployment.start({ worker: true, env: { LOG_LEVEL: 'debug' } });
    d.http.onAnswer = (req, a) => answers.push({ label: `${req.method} ${req.path}`, text: a.text, headers: JSON.stringify(a.headers) });
    w = await buildWorld(d.http, { receiverUrl: receiver.url(''), name: 'S', mobilePrefix: '13400', withWorker: true });
    shownOnce.set(w.secrets.apiKey, /^POST \/api\/tenants$/);
    shownOnce.set(w.secrets.spareApiKey, /^POST \/api\/api-keys$/);
    for (const k of ['hmacSecret', 'tokenSecret', 'standardWebhooksSecret']) shownOnce.set(w.secrets[k], /^POST \/api\/inbound-triggers$/);
  }, 180_000);

  afterAll(async () => {
    await d?.close();
    await receiver?.close();
  });

  /** Every secret string, with the forms it could leak in (basic auth travels base64-encoded). */
  const secretForms = () => {
    const all = new Map<string, string>();
    for (const [name, value] of Object.entries(w.secrets)) all.set(value, name);
    all.set(Buffer.from(`herald:${w.secrets.basicPassword}`).toString('base64'), 'basic auth header value');
    all.set(Buffer.from(`ui-user:${w.secrets.userinfoPassword}`).toString('base64'), 'userinfo basic auth header value');
    if (sessionToken) all.set(sessionToken, 'session token');
    return all;
  };

  it('uses everything: sends, events, inbound calls, rotations, sign-in', async () => {
    const ok = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => d.http.ok(method, path, body, w.key, headers);
    const webhookId = w.ids['/api/webhooks'];
    // Sign-in: the session token is a secret too.
    const login = await d.http.json('POST', '/api/auth/login', { email: w.extra.consoleEmail, password: w.extra.consolePassword });
    expect(login.status).toBe(200);
    sessionToken = /herald_session=([^;]+)/.exec(String(login.headers['set-cookie']))?.[1] ?? '';
    expect(sessionToken.length).toBeGreaterThan(20);
    await d.http.ok('GET', '/api/auth/me', undefined, undefined, { Cookie: `herald_session=${sessionToken}` });
    await d.http.json('POST', '/api/auth/login', { email: w.extra.consoleEmail, password: `${w.extra.consolePassword}-wrong` });

    // Webhook rotation: the new secret is never answered (webhook secrets are always masked).
    w.secrets.rotatedSecret = `rot-${Date.now().toString(36)}-rotated-secret`;
    await ok('POST', `/api/webhooks/${webhookId}/rotate-secret`, { secret: w.secrets.rotatedSecret, graceSeconds: 3600 });
    await ok('POST', `/api/webhooks/${webhookId}/preview`, { customerId: w.extra.customerIds[0] });
    await ok('POST', `/api/webhooks/${webhookId}/test`, { customerId: w.extra.customerIds[1] });
    const hooks = (await ok('GET', '/api/webhooks')).items as { id: number; name: string }[];
    for (const h of hooks) {
      if (/dead/.test(h.name)) continue;
      await ok('POST', `/api/webhooks/${h.id}/preview`, { customerId: w.extra.customerIds[0] });
      if (!/events/.test(h.name)) await ok('POST', `/api/webhooks/${h.id}/test`, { customerId: w.extra.customerIds[0] });
    }
    // A mass send during the rotation's grace period (both signatures), and a fixed event to the event webhook.
    const b = await ok('POST', '/api/broadcasts', { webhookId: Number(webhookId), groupId: Number(w.ids['/api/groups']) });
    await until(
      () => ok('GET', `/api/broadcasts/${b.id}`),
      (x) => ['completed', 'completed_with_failures'].includes(x.status),
      60_000,
      'the mass send',
    );
    await ok('PATCH', `/api/loyalty/memberships/${w.extra.membershipIds[1]}`, { levelId: w.extra.levelIds[1] });
    await until(
      () => ok('GET', '/api/deliveries?source=event'),
      (x) => x.items.some((i: { status: string }) => i.status !== 'pending' && i.status !== 'sending'),
      30_000,
      'an event delivery',
    );

    // Inbound calls: correct signatures and token (the request log keeps the headers), and wrong ones.
    const body = JSON.stringify({ phone: '13400000999', x: 'hello' });
    const at = new Date();
    const signed = {
      'Content-Type': 'application/json',
      'X-Hub-Signature-256': `sha256=${createHmac('sha256', w.secrets.hmacSecret).update(body).digest('hex')}`,
      'X-Shared': w.secrets.tokenSecret,
      'webhook-id': 'msg_secrets_1',
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new StandardWebhook(w.secrets.standardWebhooksSecret).sign('msg_secrets_1', at, body),
    };
    const accepted = await d.http.send({ method: 'POST', path: `/hooks/${w.extra.checkedHookKey}`, headers: signed, body });
    expect(accepted.status).toBe(202);
    const refused = await d.http.send({
      method: 'POST',
      path: `/hooks/${w.extra.checkedHookKey}`,
      headers: { ...signed, 'webhook-id': 'msg_secrets_2', 'X-Shared': `${w.secrets.tokenSecret}x` },
      body,
    });
    expect(refused.status).toBe(401);
    // Inbound rotation shows the new secret once, in its own answer.
    const rotated = await ok('POST', `/api/inbound-triggers/${w.extra.checkedTriggerId}/rotate-secret`, { check: 'token' });
    const newToken = JSON.stringify(rotated).match(/"value":"([^"]+)"/)?.[1] ?? JSON.stringify(rotated).match(/"secret":"([^"]+)"/)?.[1];
    expect(newToken && newToken.length >= 16).toBe(true);
    w.secrets.rotatedTokenSecret = newToken!;
    shownOnce.set(newToken!, new RegExp(`^POST /api/inbound-triggers/${w.extra.checkedTriggerId}/rotate-secret$`));
    await d.http.send({
      method: 'POST',
      path: `/hooks/${w.extra.checkedHookKey}`,
      headers: { ...signed, 'webhook-id': 'msg_secrets_3', 'X-Shared': newToken! },
      body,
    });

    // The receiver got them: the secrets were really in use (so their absence below means something).
    const got = JSON.stringify(receiver.requests.map((r) => r.headers));
    expect(got).toContain(w.secrets.headerToken);
    expect(got).toContain(Buffer.from(`herald:${w.secrets.basicPassword}`).toString('base64'));
    expect(got).toContain(Buffer.from(`ui-user:${w.secrets.userinfoPassword}`).toString('base64'));
  }, 180_000);

  it('reads everything back: every GET of the document, with every valid id, by key and by session', async () => {
    const ops = operations(await d.http.ok('GET', '/api/docs/openapi.json')).filter((op) => op.method === 'GET' && op.path.startsWith('/api/'));
    const runs = await d.http.ok('GET', `/api/journeys/${w.ids['/api/journeys']}/runs`, undefined, w.key);
    for (const op of ops) {
      const path = fill(op.path, validParams(op, w));
      await d.http.ok('GET', path, undefined, w.key);
      await d.http.ok('GET', path, undefined, undefined, { Cookie: `herald_session=${sessionToken}` });
    }
    for (const id of [w.extra.checkedTriggerId, w.ids['/api/inbound-triggers']])
      await d.http.ok('GET', `/api/inbound-triggers/${id}/requests`, undefined, w.key);
    const deliveries = (await d.http.ok('GET', '/api/deliveries?limit=1000', undefined, w.key)).items as { id: string }[];
    expect(deliveries.length).toBeGreaterThan(15);
    for (const x of deliveries) await d.http.ok('GET', `/api/deliveries/${x.id}`, undefined, w.key);
    const events = (await d.http.ok('GET', '/api/events?limit=1000', undefined, w.key)).items as { id: string }[];
    for (const e of events) await d.http.ok('GET', `/api/events/${e.id}`, undefined, w.key);
    for (const r of runs.items as { id: string }[]) await d.http.ok('GET', `/api/journey-runs/${r.id}`, undefined, w.key);
  }, 120_000);

  it('no answer holds a secret, but the ones that show it once by design', () => {
    const leaks: string[] = [];
    for (const [secret, name] of secretForms()) {
      const allowed = shownOnce.get(secret);
      for (const a of answers) {
        if (!(a.text.includes(secret) || a.headers.includes(secret))) continue;
        if (allowed?.test(a.label) && a.text.includes(secret)) continue;
        if (name === 'session token' && a.label === 'POST /api/auth/login' && !a.text.includes(secret)) continue; // the Set-Cookie header
        leaks.push(
          `${name} in the answer to ${a.label}: …${(a.text || a.headers).slice(Math.max(0, (a.text || a.headers).indexOf(secret) - 80), (a.text || a.headers).indexOf(secret) + 40)}…`,
        );
      }
    }
    expect(leaks).toEqual([]);
    // The ones shown once were shown (the check above is not vacuous).
    for (const [secret, label] of shownOnce) expect(answers.some((a) => label.test(a.label) && a.text.includes(secret))).toBe(true);
    expect(answers.length).toBeGreaterThan(150);
  });

  it('no log line of the api or the worker holds a secret, a password, an API key or a session token', async () => {
    // The processes log asynchronously: let the last lines land.
    await new Promise((r) => setTimeout(r, 500));
    const output = d.output();
    expect(output.split('\n').length).toBeGreaterThan(300);
    const leaks: string[] = [];
    for (const [secret, name] of secretForms()) {
      let at = output.indexOf(secret);
      while (at >= 0 && leaks.length < 50) {
        const line = output.slice(output.lastIndexOf('\n', at) + 1, output.indexOf('\n', at));
        leaks.push(`${name}: ${line.slice(0, 600)}`);
        at = output.indexOf(secret, at + secret.length);
      }
    }
    expect(leaks).toEqual([]);
  });
});
