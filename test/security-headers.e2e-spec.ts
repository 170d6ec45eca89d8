import { existsSync } from 'fs';
import { join } from 'path';
import type { Response } from 'supertest';
import { consoleDir } from '../src/console/serve-console';
import { createTenant, createTestApp, testEnv, type TestApp, type TestTenant } from './support/test-app';

/** The policy's directives by name (`{ 'script-src': ["'self'"], ... }`), each named once. */
function directives(res: Response): Record<string, string[]> {
  const header = res.headers['content-security-policy'];
  expect(typeof header).toBe('string');
  const out: Record<string, string[]> = {};
  for (const part of String(header).split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (!name) continue;
    expect(out[name]).toBeUndefined();
    out[name] = values;
  }
  return out;
}

const nonceOf = (res: Response) => /'nonce-([A-Za-z0-9+/=]+)'/.exec(String(res.headers['content-security-policy']))?.[1];

/** What every answer carries, whatever its path. */
function expectBaseHeaders(res: Response) {
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['referrer-policy']).toBe('same-origin');
  expect(res.headers['x-powered-by']).toBeUndefined();
  // Plain http (supertest): never HSTS.
  expect(res.headers['strict-transport-security']).toBeUndefined();
}

/**
 * The security headers of every kind of answer (real app, real HTTP): the console's CSP with a fresh
 * style nonce per answer, the API's strict one, the micro-pages' own policies untouched, HSTS only over https.
 */
describe('security headers', () => {
  let t: TestApp;
  let tenant: TestTenant;
  const api = () => t.http();

  beforeAll(async () => {
    if (!existsSync(join(consoleDir(), 'index.html'))) throw new Error('console/dist is missing: npm run build:console first');
    t = await createTestApp();
    tenant = await createTenant(t, 'Headers');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('serves the console (/ and a client-side route) under its policy, a fresh nonce in the header and the page', async () => {
    const seen = new Set<string>();
    for (const path of ['/', '/webhooks/12', '/index.html']) {
      const res = await api()
        .get(path)
        .expect(200)
        .expect('Content-Type', /text\/html/);
      expectBaseHeaders(res);
      expect(res.headers['x-frame-options']).toBe('DENY');
      const csp = directives(res);
      expect(csp).toMatchObject({
        'default-src': ["'none'"],
        'script-src': ["'self'"],
        'connect-src': ["'self'"],
        'img-src': ["'self'", 'data:'],
        'object-src': ["'none'"],
        'base-uri': ["'none'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
      });
      // No inline script, no eval; styles from our files or carrying this answer's nonce.
      expect(csp['script-src'].join(' ')).not.toMatch(/unsafe/);
      expect(csp['upgrade-insecure-requests']).toBeUndefined();
      const nonce = nonceOf(res)!;
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(csp['style-src']).toEqual(["'self'", `'nonce-${nonce}'`]);
      seen.add(nonce);
      // The build's placeholder is gone; the inline <style> and the nonce meta carry this answer's nonce.
      expect(res.text).not.toContain('__HERALD_CSP_NONCE__');
      expect(res.text).toContain(`<style nonce="${nonce}">`);
      expect(res.text).toContain(`<meta property="csp-nonce" nonce="${nonce}">`);
      // The build has no inline script: every <script> names a file of ours.
      for (const tag of res.text.match(/<script\b[^>]*>/g) ?? []) expect(tag).toMatch(/ src="\/assets\/[^"]+\.js"/);
      expect(res.headers['cache-control']).toBe('no-cache');
    }
    expect(seen.size).toBe(3);
  });

  it('gives the console assets nosniff and the console policy; a missing asset is still a 404', async () => {
    const index = await api().get('/').expect(200);
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(index.text)![1];
    const asset = await api()
      .get(script)
      .expect(200)
      .expect('Content-Type', /javascript/);
    expectBaseHeaders(asset);
    expect(asset.headers['cache-control']).toContain('immutable');
    expect(directives(asset)['script-src']).toEqual(["'self'"]);
    const missing = await api().get('/assets/nope-123.js').expect(404);
    expectBaseHeaders(missing);
  });

  it("gives API answers (JSON, errors, health) nosniff and default-src 'none'; frame-ancestors 'none'", async () => {
    for (const res of [
      await api().get('/api/webhooks').set(tenant.auth).expect(200),
      await api().get('/api/webhooks').expect(401),
      await api().post('/api/webhooks').set(tenant.auth).type('form').send('a=b').expect(415),
      await api().get('/api/docs/openapi.json').expect(200),
      await api()
        .get('/health')
        .expect((r) => expect([200, 503]).toContain(r.status)),
    ]) {
      expectBaseHeaders(res);
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(directives(res)).toEqual({ 'default-src': ["'none'"], 'frame-ancestors': ["'none'"] });
    }
  });

  it('leaves the form micro-page its own policy (one header, embeddable) and gives the unsubscribe page a strict one', async () => {
    const form = await api()
      .post('/api/forms')
      .set(tenant.auth)
      .send({ name: 'csp', title: '报名', fields: [{ name: 'mobile', label: '手机号', type: 'tel', maps: 'mobile', required: true }] })
      .expect(201);
    for (const res of [await api().get(`/f/${form.body.key}`).expect(200), await api().get('/f/no-such-form').accept('html').expect(404)]) {
      expectBaseHeaders(res);
      // Exactly the forms module's policy: not helmet's, not two of them.
      expect(res.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'self'");
      expect(res.headers['x-frame-options']).toBeUndefined();
      expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    }

    const customer = await api().post('/api/customers').set(tenant.auth).send({ name: '张三' }).expect(201);
    const hook = await api()
      .post('/api/webhooks')
      .set(tenant.auth)
      .send({ name: 'promo', url: 'http://127.0.0.1:9/promo', bodyTemplate: { u: '{{ unsubscribe_url }}' } })
      .expect(201);
    const preview = await api().post(`/api/webhooks/${hook.body.id}/preview`).set(tenant.auth).send({ customerId: customer.body.id }).expect(200);
    const link = preview.body.body.u as string;
    expect(link).toMatch(/^\/u\//);
    for (const res of [
      await api().get(link).expect(200),
      await api()
        .get(`/u/${'x'.repeat(32)}`)
        .expect(404),
    ]) {
      expectBaseHeaders(res);
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(directives(res)).toEqual({
        'default-src': ["'none'"],
        'style-src': ["'unsafe-inline'"],
        'img-src': ['data:'],
        'base-uri': ["'none'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
      });
    }
  });

  it('gives the third-party pages a policy each works under: Swagger UI (no inline script) and bull-board (not framed)', async () => {
    const docs = await api().get('/api/docs').redirects(1).expect(200);
    expectBaseHeaders(docs);
    expect(docs.headers['x-frame-options']).toBe('DENY');
    expect(directives(docs)).toMatchObject({ 'default-src': ["'none'"], 'script-src': ["'self'"], 'connect-src': ["'self'"], 'frame-ancestors': ["'none'"] });
    // Its scripts are files: the page has no inline one.
    for (const tag of docs.text.match(/<script\b[^>]*>/g) ?? []) expect(tag).toMatch(/ src=/);
    const board = await api()
      .get('/admin/queues')
      .expect((r) => expect(r.status).toBeLessThan(500));
    expectBaseHeaders(board);
    expect(directives(board)).toEqual({ 'frame-ancestors': ["'none'"], 'object-src': ["'none'"], 'base-uri': ["'self'"] });
  });

  it('ignores X-Forwarded-Proto from a proxy it does not trust: no HSTS', async () => {
    const res = await api().get('/').set('X-Forwarded-Proto', 'https').expect(200);
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('security headers behind a trusted proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(await testEnv({ TRUST_PROXY: 'loopback' }));
  });
  afterAll(async () => {
    await t?.close();
    const { dropDatabase } = await import('../src/database/ensure-database');
    await dropDatabase(t.env);
  });

  it('adds HSTS (a year, subdomains) only when the request came over https', async () => {
    for (const path of ['/', '/api/webhooks', '/f/no-such-form', '/u/nothing']) {
      const secure = await t.http().get(path).set('X-Forwarded-Proto', 'https');
      expect(secure.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      const plain = await t.http().get(path).set('X-Forwarded-Proto', 'http');
      expect(plain.headers['strict-transport-security']).toBeUndefined();
      const direct = await t.http().get(path);
      expect(direct.headers['strict-transport-security']).toBeUndefined();
    }
  });
});
