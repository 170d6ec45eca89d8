import type { INestApplicationContext } from '@nestjs/common';
import { createHmac } from 'crypto';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import request from 'supertest';
import { Receiver } from './support/receiver';
import { createTenant, createTestApp, createTestWorker, testEnv, TestApp, TestTenant } from './support/test-app';
import { sleep, until } from './support/until';

const sign = (secret: string, body: string, algorithm = 'sha256') => `${algorithm}=${createHmac(algorithm, secret).update(body).digest('hex')}`;

describe('inbound webhook triggers (/hooks/:key)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let a: TestTenant;
  let b: TestTenant;
  let receiver: Receiver;
  let crmJourney: number;
  let slowJourney: number;
  let failingJourney: number;

  const api = () => t.http();
  const trigger = async (body: object, tenant = a) => (await api().post('/api/inbound-triggers').set(tenant.auth).send(body).expect(201)).body;
  const requestsOf = async (id: number) => (await api().get(`/api/inbound-triggers/${id}/requests`).set(a.auth).expect(200)).body.items;
  const runsOf = async (journeyId: number) => (await api().get(`/api/journeys/${journeyId}/runs`).set(a.auth).expect(200)).body.items;
  const activeJourney = async (name: string, nodes: object[]) => {
    const j = (
      await api()
        .post('/api/journeys')
        .set(a.auth)
        .send({ name, reentry: 'always', trigger: { type: 'inbound' }, start: (nodes[0] as { id: string }).id, nodes })
        .expect(201)
    ).body;
    await api().post(`/api/journeys/${j.id}/activate`).set(a.auth).expect(200);
    return j.id as number;
  };

  beforeAll(async () => {
    t = await createTestApp();
    worker = await createTestWorker(t.env);
    a = await createTenant(t, 'A');
    b = await createTenant(t, 'B');
    receiver = await Receiver.start();
    receiver.on('/crm', (req) => ({ status: 201, body: JSON.stringify({ id: `ORD-${JSON.parse(req.raw.toString()).phone}` }) }));
    receiver.on('/down', () => ({ status: 404, body: '{}' }));
    const crm = (
      await api()
        .post('/api/webhooks')
        .set(a.auth)
        .send({ name: 'crm', url: receiver.url('/crm'), bodyTemplate: { phone: '{{ customer.mobile }}', sku: '{{ inbound.data.sku }}' } })
        .expect(201)
    ).body.id;
    const down = (
      await api()
        .post('/api/webhooks')
        .set(a.auth)
        .send({ name: 'down', url: receiver.url('/down') })
        .expect(201)
    ).body.id;
    crmJourney = await activeJourney('hook → CRM', [{ id: 'crm', type: 'webhook', webhookId: crm }]);
    slowJourney = await activeJourney('slow', [{ id: 'w', type: 'wait', seconds: 3 }]);
    failingJourney = await activeJourney('failing', [{ id: 'down', type: 'webhook', webhookId: down }]);
  });

  afterAll(async () => {
    await worker.close();
    await receiver.close();
    await t.close();
  });

  it('sync: a GitHub-signed call answers with a body built from the CRM response; a tampered body is 401 and starts nothing', async () => {
    const hook = await trigger({
      name: 'orders',
      mode: 'sync',
      journeyId: crmJourney,
      customerMatch: { mobile: 'data.phone' },
      checks: { hmac: {} },
      response: { status: 200, headers: { 'X-Order': 'yes' }, body: { orderId: '{{ nodes.crm.response.body.id }}', customer: '{{ customer.id }}' } },
    });
    expect(hook.checks.hmac).toMatchObject({ header: 'X-Hub-Signature-256', algorithm: 'sha256', secret: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const secret = hook.checks.hmac.secret as string;
    const shown = (await api().get(`/api/inbound-triggers/${hook.id}`).set(a.auth).expect(200)).body;
    expect(shown.checks.hmac.secret).toBe(`••••••${secret.slice(-4)}`);
    // At rest the secret is sealed (AES-256-GCM): a dump of the table does not reveal it.
    const dump = JSON.stringify(await t.db.query('SELECT * FROM inbound_triggers WHERE id = ?', [hook.id]));
    expect(dump).not.toContain(secret);
    expect(dump).toMatch(/"hmacSecret":"v1:[0-9a-f]{8}:/);

    const body = JSON.stringify({ phone: '139 0000 1111', sku: 'A-1' });
    const res = await request(t.app.getHttpServer())
      .post(`/hooks/${hook.key}`)
      .set('Content-Type', 'application/json')
      .set('X-Hub-Signature-256', sign(secret, body))
      .send(body)
      .expect(200);
    const customer = (await api().get('/api/customers?q=13900001111').set(a.auth).expect(200)).body.items[0];
    expect(res.body).toEqual({ orderId: 'ORD-13900001111', customer: customer.id });
    expect(res.headers['x-order']).toBe('yes');
    const [call] = receiver.at('/crm');
    expect(JSON.parse(call.raw.toString())).toEqual({ phone: '13900001111', sku: 'A-1' });

    const tampered = await request(t.app.getHttpServer())
      .post(`/hooks/${hook.key}`)
      .set('Content-Type', 'application/json')
      .set('X-Hub-Signature-256', sign(secret, body))
      .send(body.replace('A-1', 'A-2'))
      .expect(401);
    expect(tampered.body.message).toContain('X-Hub-Signature-256');
    await request(t.app.getHttpServer()).post(`/hooks/${hook.key}`).send({ phone: '1' }).expect(401);

    const log = await requestsOf(hook.id);
    expect(log.map((r: { verdict: string; status: number }) => `${r.verdict}:${r.status}`)).toEqual(['unauthorized:401', 'unauthorized:401', 'answered:200']);
    expect(log[2]).toMatchObject({ method: 'POST', clientIp: expect.stringMatching(/127\.0\.0\.1/), runId: expect.any(String), body });
    expect(log[2].headers['x-hub-signature-256']).toBe('••••••');
    expect(JSON.stringify(log)).not.toContain(secret);
    expect(await runsOf(crmJourney)).toHaveLength(1); // the refused calls started nothing
    // What `curl -d '{"phone": …}'` sends: JSON labelled as a form.
    const curlBody = '{"phone":"13900001112","sku":"B-2"}';
    const curl = await request(t.app.getHttpServer())
      .post(`/hooks/${hook.key}`)
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .set('X-Hub-Signature-256', sign(secret, curlBody))
      .send(curlBody)
      .expect(200);
    expect(curl.body.orderId).toBe('ORD-13900001112');
    const run = (await api().get(`/api/journey-runs/${log[2].runId}`).set(a.auth).expect(200)).body;
    expect(run).toMatchObject({
      status: 'completed',
      customerId: customer.id,
      context: { trigger: { data: { phone: '139 0000 1111', sku: 'A-1' }, params: { key: hook.key } } },
    });
  });

  it('async answers 202 with the run id at once, and the run completes', async () => {
    const hook = await trigger({ name: 'async', mode: 'async', journeyId: crmJourney, customerMatch: { mobile: 'data.phone' } });
    const res = await request(t.app.getHttpServer()).post(`/hooks/${hook.key}`).send({ phone: '13900002222' }).expect(202);
    expect(res.body).toEqual({ status: 'accepted', runId: expect.stringMatching(/^\d+$/) });
    const run = await until(
      async () => (await api().get(`/api/journey-runs/${res.body.runId}`).set(a.auth)).body,
      (r) => r.status === 'completed',
      10_000,
      'the run',
    );
    expect(run.stepLog[0]).toMatchObject({ nodeId: 'crm', outcome: 'delivered', detail: { response: { body: { id: 'ORD-13900002222' } } } });
  });

  it('a Standard Webhooks signature made by the standardwebhooks library passes; a wrong one is 401', async () => {
    const hook = await trigger({ name: 'standard', mode: 'async', journeyId: crmJourney, checks: { standardWebhooks: {} } });
    const secret = hook.checks.standardWebhooks.secret as string;
    const body = JSON.stringify({ phone: '13900003333' });
    const id = 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W';
    const at = new Date();
    const signature = new StandardWebhook(secret).sign(id, at, body);
    const headers = {
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': signature,
      'Content-Type': 'application/json',
    };
    await request(t.app.getHttpServer()).post(`/hooks/${hook.key}`).set(headers).send(body).expect(202);
    const wrong = new StandardWebhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`).sign(id + 'x', at, body);
    await request(t.app.getHttpServer())
      .post(`/hooks/${hook.key}`)
      .set({ ...headers, 'webhook-id': id + 'x', 'webhook-signature': wrong })
      .send(body)
      .expect(401);
    const old = new Date(Date.now() - 3_600_000);
    await request(t.app.getHttpServer())
      .post(`/hooks/${hook.key}`)
      .set({
        ...headers,
        'webhook-id': 'msg_old',
        'webhook-timestamp': String(Math.floor(old.getTime() / 1000)),
        'webhook-signature': new StandardWebhook(secret).sign('msg_old', old, body),
      })
      .send(body)
      .expect(401);
  });

  it('the same delivery id twice starts one run and gets the first answer again', async () => {
    const hook = await trigger({
      name: 'dedup',
      mode: 'sync',
      journeyId: crmJourney,
      customerMatch: { mobile: 'data.phone' },
      response: { body: { orderId: '{{ nodes.crm.response.body.id }}' } },
    });
    const send = (id: string) => request(t.app.getHttpServer()).post(`/hooks/${hook.key}`).set('X-GitHub-Delivery', id).send({ phone: '13900004444' });
    const before = (await runsOf(crmJourney)).length;
    const first = await send('d-1').expect(200);
    const again = await send('d-1').expect(200);
    expect(again.body).toEqual(first.body);
    expect(again.headers['x-herald-duplicate']).toBe('true');
    // Both at once: still one run.
    const [x, y] = await Promise.all([send('d-2'), send('d-2')]);
    expect([x.status, y.status]).toEqual([200, 200]);
    expect(x.body).toEqual(y.body);
    expect((await runsOf(crmJourney)).length - before).toBe(2);
    const log = await requestsOf(hook.id);
    expect(log.filter((r: { verdict: string }) => r.verdict === 'duplicate')).toHaveLength(2);
  });

  it('async, a burst at once: every request is logged and starts exactly one run; repeated delivery ids in the burst start one run each', async () => {
    const hook = await trigger({ name: 'burst', mode: 'async', journeyId: crmJourney, checks: { hmac: {} } });
    const secret = hook.checks.hmac.secret as string;
    const runs = async (status = '%') =>
      Number((await t.db.query('SELECT COUNT(*) AS n FROM journey_runs WHERE journeyId = ? AND status LIKE ?', [crmJourney, status]))[0].n);
    const before = await runs();
    const completedBefore = await runs('completed');
    const post = (n: number, deliveryId?: string) => {
      const body = JSON.stringify({ phone: `1390000${String(5000 + n)}`, sku: `B-${n}` });
      const r = request(t.app.getHttpServer())
        .post(`/hooks/${hook.key}`)
        .set('Content-Type', 'application/json')
        .set('X-Hub-Signature-256', sign(secret, body));
      return (deliveryId ? r.set('X-GitHub-Delivery', deliveryId) : r).send(body);
    };
    // 40 plain calls, and 3 delivery ids sent 4 times each, all in flight together.
    const answers = await Promise.all([
      ...Array.from({ length: 40 }, (_, n) => post(n)),
      ...Array.from({ length: 12 }, (_, n) => post(100 + (n % 3), `burst-${n % 3}`)),
    ]);
    expect(answers.map((r) => r.status)).toEqual(Array(52).fill(202));
    const runIds = answers.slice(0, 40).map((r) => r.body.runId as string);
    expect(new Set(runIds).size).toBe(40);
    for (const id of [0, 1, 2]) {
      const same = answers.slice(40).filter((_, n) => n % 3 === id);
      expect(new Set(same.map((r) => r.body.runId)).size).toBe(1);
      expect(same.filter((r) => r.headers['x-herald-duplicate'] === 'true')).toHaveLength(3);
    }
    const log = (await t.db.query('SELECT verdict, status, runId, response FROM inbound_requests WHERE triggerId = ?', [hook.id])) as {
      verdict: string;
      status: number;
      runId: string | null;
    }[];
    expect(log.filter((r) => r.verdict === 'accepted' && r.status === 202)).toHaveLength(43);
    expect(log.filter((r) => r.verdict === 'duplicate')).toHaveLength(9);
    expect(new Set(log.filter((r) => r.verdict === 'accepted').map((r) => String(r.runId))).size).toBe(43);
    expect((await runs()) - before).toBe(43);
    await until(
      () => runs('completed'),
      (n) => n >= completedBefore + 43,
      20_000,
      'the burst runs',
    );
  });

  it('the IP allowlist: 127.0.0.1 in the list passes, out of it 403; a forwarded address is not believed by default', async () => {
    const open = await trigger({ name: 'ip ok', checks: { ipAllowlist: ['127.0.0.1/32', '::1'] } });
    await request(t.app.getHttpServer()).post(`/hooks/${open.key}`).send({}).expect(202);
    const closed = await trigger({ name: 'ip no', checks: { ipAllowlist: ['10.0.0.0/8', '2001:db8::/32'] } });
    const refused = await request(t.app.getHttpServer()).post(`/hooks/${closed.key}`).set('X-Forwarded-For', '10.1.2.3').send({}).expect(403);
    expect(refused.body.message).toMatch(/127\.0\.0\.1 is not allowed/);
    expect((await requestsOf(closed.id))[0]).toMatchObject({ verdict: 'forbidden', status: 403, runId: null });
    const bad = await api()
      .post('/api/inbound-triggers')
      .set(a.auth)
      .send({ name: 'bad ip', checks: { ipAllowlist: ['10.0.0.0/33'] } })
      .expect(400);
    expect(Object.keys(bad.body.fields)).toEqual(['checks.ipAllowlist[0]']);
    expect(bad.body.problems).toEqual([expect.objectContaining({ code: 'is_ip_range', params: { value: '10.0.0.0/33' } })]);
  });

  it('a token header, methods (405 with Allow), unknown and disabled keys (404), a body too large (413, logged)', async () => {
    const hook = await trigger({ name: 'token', methods: ['POST', 'PUT'], checks: { token: { header: 'X-Api-Token' } } });
    const token = hook.checks.token.value as string;
    await request(t.app.getHttpServer()).put(`/hooks/${hook.key}`).set('X-Api-Token', token).send({}).expect(202);
    await request(t.app.getHttpServer())
      .post(`/hooks/${hook.key}`)
      .set('X-Api-Token', token + 'x')
      .send({})
      .expect(401);
    const get = await request(t.app.getHttpServer()).get(`/hooks/${hook.key}`).set('X-Api-Token', token).expect(405);
    expect(get.headers.allow).toBe('POST, PUT');
    await request(t.app.getHttpServer()).post('/hooks/no-such-key').send({}).expect(404);
    await request(t.app.getHttpServer())
      .post(`/hooks/${hook.key}`)
      .set('X-Api-Token', token)
      .set('Content-Type', 'application/json')
      .send('x'.repeat(1024 * 1024 + 10))
      .expect(413);
    await api().patch(`/api/inbound-triggers/${hook.id}`).set(a.auth).send({ enabled: false }).expect(200);
    await request(t.app.getHttpServer()).post(`/hooks/${hook.key}`).set('X-Api-Token', token).send({}).expect(404);
    const log = await requestsOf(hook.id);
    expect(log.map((r: { verdict: string }) => r.verdict)).toEqual(['disabled', 'too_large', 'method_not_allowed', 'unauthorized', 'accepted']);
    expect(log.find((r: { verdict: string }) => r.verdict === 'accepted').headers['x-api-token']).toBe('••••••');
    const rotated = (await api().post(`/api/inbound-triggers/${hook.id}/rotate-key`).set(a.auth).expect(200)).body;
    expect(rotated.key).not.toBe(hook.key);
  });

  it('urlencoded and multipart bodies become inbound.data (fields only); bad JSON is 400', async () => {
    const hook = await trigger({ name: 'forms', mode: 'async', journeyId: crmJourney });
    const url = await request(t.app.getHttpServer()).post(`/hooks/${hook.key}`).type('form').send('phone=13900005555&tag=a&tag=b').expect(202);
    const multi = await request(t.app.getHttpServer())
      .post(`/hooks/${hook.key}`)
      .field('phone', '13900006666')
      .field('note', '你好')
      .attach('file', Buffer.from('ignored'), 'x.txt')
      .expect(202);
    const runOf = async (id: string) =>
      until(
        async () => (await api().get(`/api/journey-runs/${id}`).set(a.auth)).body,
        (r) => r.status === 'completed',
        10_000,
        'the run',
      );
    expect((await runOf(url.body.runId)).context.trigger.data).toEqual({ phone: '13900005555', tag: ['a', 'b'] });
    expect((await runOf(multi.body.runId)).context.trigger.data).toEqual({ phone: '13900006666', note: '你好' });
    const bad = await request(t.app.getHttpServer()).post(`/hooks/${hook.key}`).set('Content-Type', 'application/json').send('{"a":').expect(400);
    expect(bad.body.message).toBe('body is not valid JSON');
  });

  it('sync past the bound answers 202 with the run id; a failed run answers 502', async () => {
    const slow = await trigger({ name: 'slow', mode: 'sync', syncTimeoutMs: 300, journeyId: slowJourney, response: { body: { ok: true } } });
    const res = await request(t.app.getHttpServer()).post(`/hooks/${slow.key}`).send({}).expect(202);
    expect(res.body).toEqual({ status: 'running', runId: expect.any(String) });
    const failing = await trigger({ name: 'fails', mode: 'sync', journeyId: failingJourney, response: { body: { ok: true } } });
    const failed = await request(t.app.getHttpServer()).post(`/hooks/${failing.key}`).send({}).expect(502);
    expect(failed.body.message).toContain('the journey run failed');
    expect((await requestsOf(failing.id))[0]).toMatchObject({ verdict: 'run_failed', status: 502 });
  });

  it('validates the configuration, naming the field', async () => {
    const bad = (body: object) =>
      api()
        .post('/api/inbound-triggers')
        .set(a.auth)
        .send({ name: 'x', ...body })
        .expect(400);
    expect(Object.keys((await bad({ mode: 'later' })).body.fields)).toEqual(['mode']);
    expect(Object.keys((await bad({ methods: ['PATCH'] })).body.fields)).toEqual(['methods']);
    expect(Object.keys((await bad({ syncTimeoutMs: 60_000 })).body.fields)).toEqual(['syncTimeoutMs']);
    expect(Object.keys((await bad({ response: { body: { a: '{{ secret.x }}' } } })).body.fields)).toEqual(['response.body.a']);
    expect(Object.keys((await bad({ customerMatch: { mobile: 'body.phone' } })).body.fields)).toEqual(['customerMatch.mobile']);
    expect(Object.keys((await bad({ checks: { hmac: { algorithm: 'md5' } } })).body.fields)).toEqual(['checks.hmac.algorithm']);
    const wait = (
      await api()
        .post('/api/journeys')
        .set(a.auth)
        .send({ name: 'grp', trigger: { type: 'event', event: 'customer/created' }, start: 'e', nodes: [{ id: 'e', type: 'end' }] })
        .expect(201)
    ).body.id;
    const notInbound = (await bad({ journeyId: wait })).body;
    expect(notInbound.fields.journeyId[0]).toContain('whose trigger is event');
    expect(notInbound.problems[0]).toMatchObject({ path: 'journeyId', code: 'journey_not_inbound', params: { id: wait, triggerType: 'event' } });
    const cookie = (await bad({ response: { headers: { 'Set-Cookie': 'a=b' } } })).body;
    expect(cookie.problems).toEqual([
      expect.objectContaining({ path: 'response.headers.Set-Cookie', code: 'header_not_allowed', params: { name: 'Set-Cookie' } }),
    ]);
  });

  it("another tenant's triggers, request logs and journeys are out of reach", async () => {
    const hook = await trigger({ name: 'mine' });
    for (const req of [
      api().get(`/api/inbound-triggers/${hook.id}`),
      api().patch(`/api/inbound-triggers/${hook.id}`).send({ name: 'x' }),
      api().delete(`/api/inbound-triggers/${hook.id}`),
      api().get(`/api/inbound-triggers/${hook.id}/requests`),
      api().post(`/api/inbound-triggers/${hook.id}/rotate-key`),
    ]) {
      expect((await req.set(b.auth).expect(404)).body).toMatchObject({ code: 'inbound_trigger_not_found', params: { id: hook.id } });
    }
    const other = await api().post('/api/inbound-triggers').set(b.auth).send({ name: 'theirs', journeyId: crmJourney }).expect(400);
    expect(other.body.fields.journeyId[0]).toContain('names no journey of yours');
    const journey = await api()
      .post('/api/journeys')
      .set(b.auth)
      .send({ name: 'x', trigger: { type: 'inbound', inboundTriggerId: hook.id }, start: 'e', nodes: [{ id: 'e', type: 'end' }] })
      .expect(400);
    expect(journey.body.fields['trigger.inboundTriggerId'][0]).toContain('names no inbound trigger of yours');
    expect((await api().get('/api/inbound-triggers').set(b.auth).expect(200)).body.items).toEqual([]);
    await sleep(10);
  });

  describe("responses served from Herald's own address (found while fuzzing)", () => {
    const post = (key: string, body: object) => request(t.app.getHttpServer()).post(`/hooks/${key}`).send(body);

    it("headers that would act on a visitor's browser here (cookies, redirects, site data) are refused on save", async () => {
      for (const name of [
        'Set-Cookie',
        'set-cookie2',
        'Location',
        'Refresh',
        'Clear-Site-Data',
        'Strict-Transport-Security',
        'Access-Control-Allow-Origin',
        'Content-Security-Policy',
        'Content-Disposition',
      ]) {
        const res = await api()
          .post('/api/inbound-triggers')
          .set(a.auth)
          .send({ name: 'h', mode: 'sync', response: { status: 200, headers: { [name]: 'herald_session=planted; Path=/' } } });
        expect(`${name}: ${res.status} ${Object.keys(res.body.fields ?? {})}`).toBe(`${name}: 400 response.headers.${name}`);
      }
      await trigger({ name: 'ok', mode: 'sync', response: { status: 200, headers: { 'X-Order': 'yes', 'Cache-Control': 'no-store' } } });
    });

    it('a header value HTTP cannot carry is a 400 on save (it answered 500 at call time; outbound, "中文" arrived as "")', async () => {
      for (const value of ['中文', 'a\u0001b', 'a\u007fb']) {
        const res = await api()
          .post('/api/inbound-triggers')
          .set(a.auth)
          .send({ name: 'h', mode: 'sync', response: { status: 200, headers: { 'X-A': value } } });
        expect(`${JSON.stringify(value)}: ${res.status} ${Object.keys(res.body.fields ?? {})}`).toBe(`${JSON.stringify(value)}: 400 response.headers.X-A`);
        const hook = await api()
          .post('/api/webhooks')
          .set(a.auth)
          .send({ name: 'h', url: receiver.url('/crm'), headers: { 'X-A': value } });
        expect(`${JSON.stringify(value)}: ${hook.status} ${Object.keys(hook.body.fields ?? {})}`).toBe(`${JSON.stringify(value)}: 400 headers.X-A`);
      }
      const latin1 = await trigger({ name: 'latin-1', mode: 'sync', response: { status: 200, headers: { 'X-A': 'café' } } });
      expect((await post(latin1.key, {}).expect(200)).headers['x-a']).toBe('café');
    });

    it("a response template past the render limits is refused on save; one past them for a caller's data answers 502 naming it, logged", async () => {
      const loop = await api()
        .post('/api/inbound-triggers')
        .set(a.auth)
        .send({ name: 'loop', mode: 'sync', response: { status: 200, body: { x: '{% for i in (1..100000000) %}x{% endfor %}' } } });
      expect(loop.status).toBe(400);
      expect(Object.keys(loop.body.fields)).toEqual(['response.body.x']);
      // Fine for the sample values, too much for this caller's array: a loop over what it sent.
      const hook = await trigger({
        name: 'per-caller',
        mode: 'sync',
        response: { status: 200, body: { x: '{% for i in inbound.data.items %}{{ inbound.data.items | join: "," }}{% endfor %}' } },
      });
      const res = await post(hook.key, { items: Array.from({ length: 3_000 }, (_, i) => `item-${i}`) });
      expect(res.status).toBe(502);
      expect(res.body).toMatchObject({ statusCode: 502, error: 'Bad Gateway', message: expect.stringContaining('response.body.x') });
      const [logged] = await requestsOf(hook.id);
      expect(logged).toMatchObject({ verdict: 'response_failed', status: 502, error: expect.stringContaining('response.body.x') });
      await post(hook.key, { items: ['a', 'b'] }).expect(200);
    });
  });
});

describe('inbound triggers behind a trusted proxy (TRUST_PROXY=loopback)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(await testEnv({ TRUST_PROXY: 'loopback' }));
  });
  afterAll(() => t.close());

  it('believes X-Forwarded-For from the loopback proxy for the allowlist', async () => {
    const a = await createTenant(t);
    const hook = (
      await t
        .http()
        .post('/api/inbound-triggers')
        .set(a.auth)
        .send({ name: 'proxied', checks: { ipAllowlist: ['10.0.0.0/8'] } })
        .expect(201)
    ).body;
    await request(t.app.getHttpServer()).post(`/hooks/${hook.key}`).set('X-Forwarded-For', '10.1.2.3').send({}).expect(202);
    await request(t.app.getHttpServer()).post(`/hooks/${hook.key}`).set('X-Forwarded-For', '192.168.1.1').send({}).expect(403);
    await request(t.app.getHttpServer()).post(`/hooks/${hook.key}`).send({}).expect(403);
  });
});
