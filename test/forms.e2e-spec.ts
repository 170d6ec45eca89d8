import type { INestApplicationContext } from '@nestjs/common';
import { dropDatabase } from '../src/database/ensure-database';
import { Receiver, Received } from './support/receiver';
import { createTenant, createTestApp, createTestWorker, TestApp, TestTenant, testEnv } from './support/test-app';
import { sleep, until } from './support/until';
import { javaDmhubSignature } from './support/verify';

const SECRET = 'form-secret-0000001';
const RATE_LIMIT = 5;
const json = (r: Received) => JSON.parse(r.raw.toString('utf8')) as Record<string, unknown>;
/** A browser's form encoding: repeated names for checkbox groups, UTF-8 percent-encoding. */
const encoded = (pairs: [string, string][]) => new URLSearchParams(pairs).toString();
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

const FIELDS = [
  { name: 'name', label: '姓名', type: 'text', required: true, maps: 'name' },
  { name: 'mobile', label: '手机号码', type: 'tel', required: true, maps: 'mobile' },
  { name: 'email', label: '电子邮箱', type: 'email', maps: 'email' },
  { name: 'age', label: '年龄', type: 'number', maps: 'attributes.age' },
  {
    name: 'city',
    label: '所在城市',
    type: 'select',
    options: [
      { value: 'Shanghai', label: '上海' },
      { value: 'Beijing', label: '北京' },
    ],
    maps: 'attributes.city',
  },
  {
    name: 'interests',
    label: '感兴趣的产品',
    type: 'checkbox',
    options: [
      { value: 'tea', label: '茶' },
      { value: 'coffee', label: '咖啡' },
    ],
    maps: 'attributes.interests',
  },
  { name: 'consent', label: '我同意接收营销信息', type: 'checkbox', required: true },
  { name: 'note', label: '留言', type: 'textarea' },
];

describe('forms and micro-pages (表单提交)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let a: TestTenant;
  let b: TestTenant;
  let receiver: Receiver;
  let crm: number;

  const api = () => t.http();
  const newForm = async (body: Record<string, unknown> = {}, tenant = a) =>
    (
      await api()
        .post('/api/forms')
        .set(tenant.auth)
        .send({ name: '报名表', title: '双十一报名', fields: FIELDS, webhookIds: [crm], ...body })
        .expect(201)
    ).body;
  const browserPost = (key: string, pairs: [string, string][]) => api().post(`/f/${key}`).set('Accept', BROWSER_ACCEPT).type('form').send(encoded(pairs));
  const submissions = async (formId: number) => (await api().get(`/api/forms/${formId}/submissions`).set(a.auth).expect(200)).body.items;
  const customerByMobile = async (mobile: string) => (await api().get(`/api/customers?q=${mobile}`).set(a.auth).expect(200)).body.items;
  const count = async (table: string, where = 'TRUE') =>
    Number((await t.db.query(`SELECT COUNT(*) AS n FROM ${table} WHERE tenantId = ? AND ${where}`, [a.id]))[0].n);
  // Other tests' event webhooks get messages from the outbox relay at any time: count the forms' own.
  const formDeliveries = () => count('deliveries', "source = 'form'");

  beforeAll(async () => {
    t = await createTestApp(await testEnv({ FORM_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT) }));
    worker = await createTestWorker(t.env);
    a = await createTenant(t, 'A');
    b = await createTenant(t, 'B');
    receiver = await Receiver.start();
    crm = (
      await api()
        .post('/api/webhooks')
        .set(a.auth)
        .send({
          name: 'CRM',
          url: receiver.url('/crm'),
          secret: SECRET,
          bodyTemplate: {
            form: '{{ form.name }}',
            submission: '{{ submission.id }}',
            name: '{{ submission.data.name }}',
            mobile: '{{ submission.data.mobile }}',
            age: '{{ submission.data.age }}',
            interests: '{{ submission.data.interests }}',
            consent: '{{ submission.data.consent }}',
            greeting: '{{ customer.name }},您好',
            customerId: '{{ customer.id }}',
            at: '{{ submission.createdAt }}',
          },
        })
        .expect(201)
    ).body.id;
  });

  afterAll(async () => {
    await worker.close();
    await receiver.close();
    await t.close();
    await dropDatabase(t.env);
  });

  it('creates, lists, changes and checks forms; fields are checked whole, naming the bad part', async () => {
    const form = await newForm({ description: '填写信息即可参与抽奖', thankYouText: '报名成功!' });
    expect(form).toMatchObject({
      name: '报名表',
      title: '双十一报名',
      enabled: true,
      webhookIds: [crm],
      submissionCount: 0,
      thankYouText: '报名成功!',
      redirectUrl: null,
    });
    expect(form.key).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(form.publicUrl).toBe(`/f/${form.key}`);
    expect(form.fields[2]).toEqual({ name: 'email', label: '电子邮箱', type: 'email', required: false, maps: 'email' });
    const other = await newForm({ name: 'second' });
    expect(other.key).not.toBe(form.key);

    const list = (await api().get('/api/forms?limit=1').set(a.auth).expect(200)).body;
    expect(list.items.map((f: { id: number }) => f.id)).toEqual([other.id]);
    const rest = (await api().get(`/api/forms?limit=1&after=${list.nextCursor}`).set(a.auth).expect(200)).body;
    expect(rest.items[0].id).toBe(form.id);

    const patched = (await api().patch(`/api/forms/${form.id}`).set(a.auth).send({ title: null, enabled: false }).expect(200)).body;
    expect(patched).toMatchObject({ title: null, enabled: false, name: '报名表', key: form.key });

    const bad = await api()
      .post('/api/forms')
      .set(a.auth)
      .send({
        name: 'bad',
        fields: [FIELDS[0], FIELDS[1], { name: 'city', label: '城市', type: 'select' }, { name: 'name', label: 'again', type: 'text' }],
      })
      .expect(400);
    expect(Object.keys(bad.body.fields).sort()).toEqual(['fields[2].options', 'fields[3].name']);
    expect(bad.body.problems.map((p: { path: string; code: string }) => [p.path, p.code]).sort()).toEqual([
      ['fields[2].options', 'options_required'],
      ['fields[3].name', 'duplicate_field_name'],
    ]);
    expect(bad.body.message).toContain('fields[2].options');
    const mapping = await api()
      .post('/api/forms')
      .set(a.auth)
      .send({ name: 'bad', fields: [{ name: 'phone', label: '电话', type: 'text', maps: 'mobile' }] })
      .expect(400);
    expect(mapping.body.fields['fields[0].maps'][0]).toContain('tel');
    await api().post('/api/forms').set(a.auth).send({ fields: FIELDS }).expect(400);
    await api().post('/api/forms').set(a.auth).send({ name: 'x' }).expect(400);
    await api().post('/api/forms').set(a.auth).send({ name: 'x', fields: FIELDS, colour: 'red' }).expect(400);
    const url = await api().post('/api/forms').set(a.auth).send({ name: 'x', fields: FIELDS, redirectUrl: 'javascript:alert(1)' }).expect(400);
    expect(Object.keys(url.body.fields)).toEqual(['redirectUrl']);
    await api().patch(`/api/forms/${form.id}`).set(a.auth).send({ fields: [] }).expect(400);
    await api().get('/api/forms/abc').set(a.auth).expect(400);
  });

  it('calls only enabled manual webhooks of the tenant (400 naming webhookIds[i])', async () => {
    const eventHook = (
      await api()
        .post('/api/webhooks')
        .set(a.auth)
        .send({ name: 'evt', url: receiver.url('/evt'), triggerType: 'event', events: ['customer/created'] })
        .expect(201)
    ).body.id;
    const off = (
      await api()
        .post('/api/webhooks')
        .set(a.auth)
        .send({ name: 'off', url: receiver.url('/off'), enabled: false })
        .expect(201)
    ).body.id;
    const theirs = (
      await api()
        .post('/api/webhooks')
        .set(b.auth)
        .send({ name: 'theirs', url: receiver.url('/theirs') })
        .expect(201)
    ).body.id;
    const res = await api()
      .post('/api/forms')
      .set(a.auth)
      .send({ name: 'hooks', fields: FIELDS, webhookIds: [crm, eventHook, theirs, off] })
      .expect(400);
    expect(Object.keys(res.body.fields)).toEqual(['webhookIds[1]', 'webhookIds[2]', 'webhookIds[3]']);
    expect(res.body.fields['webhookIds[1]'][0]).toContain('manual');
    expect(res.body.fields['webhookIds[2]'][0]).toContain('names no webhook of yours');
    expect(res.body.fields['webhookIds[3]'][0]).toContain('disabled');
    expect(res.body.problems.map((p: { code: string; params: { id: number } }) => [p.code, p.params.id])).toEqual([
      ['webhook_not_manual', eventHook],
      ['unknown_webhook', theirs],
      ['webhook_disabled', off],
    ]);
    const form = await newForm({ webhookIds: [] });
    const patch = await api()
      .patch(`/api/forms/${form.id}`)
      .set(a.auth)
      .send({ webhookIds: [theirs] })
      .expect(400);
    expect(Object.keys(patch.body.fields)).toEqual(['webhookIds[0]']);
    await api()
      .post('/api/forms')
      .set(a.auth)
      .send({ name: 'dup', fields: FIELDS, webhookIds: [crm, crm] })
      .expect(400);
  });

  it('serves a phone-friendly page: labels in Chinese bound to typed inputs, a honeypot, hostile text escaped', async () => {
    const form = await newForm({ description: '填写信息即可参与抽奖' });
    const page = await api().get(`/f/${form.key}`).expect(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    const html = page.text;
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('<h1>双十一报名</h1>');
    expect(html).toContain('<p class="description">填写信息即可参与抽奖</p>');
    expect(html).toContain('<label for="f-mobile">手机号码');
    expect(html).toMatch(/<input type="tel" id="f-mobile" name="mobile"/);
    expect(html).toMatch(/<input type="email" id="f-email" name="email"/);
    expect(html).toMatch(/<input type="number" id="f-age" name="age"/);
    expect(html).toContain('<select id="f-city" name="city">');
    expect(html).toContain('<option value="Shanghai">上海</option>');
    expect(html).toContain('name="interests" value="coffee"><span>咖啡</span>');
    expect(html).toContain('<textarea id="f-note" name="note"');
    expect(html).toContain('<input type="text" id="_homepage" name="_homepage" value="" tabindex="-1" autocomplete="off">');
    expect(html).not.toMatch(/<script|<link|https?:\/\//);

    const hostile = await newForm({
      title: '<script>alert(1)</script>',
      fields: [{ name: 'x', label: '<script>alert("label")</script>', type: 'select', options: [{ value: '"><img src=x>', label: '<b>bold</b>' }] }],
    });
    const escaped = (await api().get(`/f/${hostile.key}`).expect(200)).text;
    expect(escaped).not.toContain('<script>');
    expect(escaped).not.toContain('<img');
    expect(escaped).not.toContain('<b>');
    expect(escaped).toContain('&lt;script&gt;alert(&#34;label&#34;)&lt;/script&gt;');
  });

  it('a browser post creates the customer, stores the submission, signs a message with the submitted fields and starts the journey', async () => {
    const form = await newForm({ thankYouText: '报名成功,我们会尽快联系您!' });
    const journey = (
      await api()
        .post('/api/journeys')
        .set(a.auth)
        .send({
          name: '表单 → 标记',
          reentry: 'always',
          trigger: { type: 'form_submitted', formId: form.id },
          start: 'city',
          nodes: [
            { id: 'city', type: 'condition', rule: { field: 'trigger.data.city', op: '=', value: 'Shanghai' }, then: 'tag', else: 'done' },
            {
              id: 'tag',
              type: 'update_customer',
              set: { 'attributes.lastForm': '{{ form.name }}', 'attributes.lastSubmission': '{{ submission.id }}' },
              next: 'done',
            },
            { id: 'done', type: 'end' },
          ],
        })
        .expect(201)
    ).body;
    await api().post(`/api/journeys/${journey.id}/activate`).set(a.auth).expect(200);
    const paused = (
      await api()
        .post('/api/journeys')
        .set(a.auth)
        .send({
          name: 'not active',
          trigger: { type: 'form_submitted', formId: form.id },
          start: 'e',
          nodes: [{ id: 'e', type: 'end' }],
        })
        .expect(201)
    ).body;
    const before = receiver.at('/crm').length;

    const res = await browserPost(form.key, [
      ['name', ' 张三 '],
      ['mobile', '138 0013 8000'],
      ['email', 'Zhang.San@Example.com'],
      ['age', '30'],
      ['city', 'Shanghai'],
      ['interests', 'tea'],
      ['interests', 'coffee'],
      ['consent', 'true'],
      ['note', ''],
      ['_homepage', ''],
    ]).expect(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text).toContain('报名成功,我们会尽快联系您!');

    const [customer] = await customerByMobile('13800138000');
    expect(customer).toMatchObject({
      name: '张三',
      mobile: '13800138000',
      email: 'zhang.san@example.com',
      attributes: { age: 30, city: 'Shanghai', interests: ['tea', 'coffee'] },
    });
    const created = (await api().get('/api/events?type=customer/created').set(a.auth).expect(200)).body.items;
    expect(created.filter((e: { customerId: number }) => e.customerId === customer.id)).toHaveLength(1);

    const [submission] = await until(
      () => submissions(form.id),
      (s) => s.length === 1,
      5_000,
      'the submission',
    );
    expect(submission).toMatchObject({
      formId: form.id,
      customerId: customer.id,
      clientAddress: expect.any(String),
      data: {
        name: '张三',
        mobile: '13800138000',
        email: 'zhang.san@example.com',
        age: 30,
        city: 'Shanghai',
        interests: ['tea', 'coffee'],
        consent: true,
        note: null,
      },
    });
    expect(submission.deliveries).toEqual([{ id: expect.any(String), webhookId: crm, status: expect.any(String) }]);
    expect(submission.runs).toEqual([{ id: expect.any(String), journeyId: journey.id, status: expect.any(String) }]);

    const [message] = (await receiver.waitFor('/crm', before + 1)).slice(before);
    expect(message.headers['x-clab-hmac-signature']).toBe(javaDmhubSignature(SECRET, message.raw));
    expect(message.headers['x-herald-event']).toBe('form/submitted');
    expect(message.headers['x-herald-message-id']).toBe(submission.deliveries[0].id);
    expect(json(message)).toEqual({
      form: '报名表',
      submission: submission.id,
      name: '张三',
      mobile: '13800138000',
      age: 30,
      interests: ['tea', 'coffee'],
      consent: true,
      greeting: '张三,您好',
      customerId: customer.id,
      at: submission.createdAt,
    });
    const delivery = (await api().get(`/api/deliveries/${submission.deliveries[0].id}`).set(a.auth).expect(200)).body;
    expect(delivery).toMatchObject({ source: 'form', sourceId: String(submission.id), customerId: customer.id, webhookId: crm });
    // The generic source filter finds a submission's messages.
    const bySource = (await api().get(`/api/deliveries?source=form&sourceId=${submission.id}`).set(a.auth).expect(200)).body.items;
    expect(bySource.map((d: { id: string }) => d.id)).toEqual([submission.deliveries[0].id]);

    const run = await until(
      async () => (await api().get(`/api/journey-runs/${submission.runs[0].id}`).set(a.auth).expect(200)).body,
      (r) => r.status === 'completed',
      10_000,
      'the form journey run',
    );
    expect(run.customerId).toBe(customer.id);
    expect(run.occurrence).toBe(`submission:${submission.id}`);
    expect(run.context.trigger).toEqual({ formId: form.id, formName: '报名表', submissionId: submission.id, data: submission.data });
    expect(run.stepLog.map((s: { nodeId: string; outcome: string }) => `${s.nodeId}:${s.outcome}`)).toEqual(['city:then', 'tag:done', 'done:done']);
    const tagged = (await api().get(`/api/customers/${customer.id}`).set(a.auth).expect(200)).body;
    expect(tagged.attributes).toMatchObject({ lastForm: '报名表', lastSubmission: submission.id });
    expect((await api().get(`/api/journeys/${paused.id}/runs`).set(a.auth).expect(200)).body.items).toEqual([]);

    // The same mobile again (a JSON caller): the same customer, updated and merged, never re-keyed.
    const again = await api()
      .post(`/f/${form.key}`)
      .send({
        name: '张三丰',
        mobile: '13800138000',
        email: 'other@example.com',
        city: 'Beijing',
        interests: ['tea'],
        consent: true,
      })
      .expect(201);
    expect(again.body).toEqual({ status: 'accepted', message: '报名成功,我们会尽快联系您!' });
    const after = await customerByMobile('13800138000');
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({
      id: customer.id,
      name: '张三丰',
      email: 'zhang.san@example.com',
      attributes: { age: 30, city: 'Beijing', interests: ['tea'], lastForm: '报名表' },
    });
    const updated = (await api().get('/api/events?type=customer/updated').set(a.auth).expect(200)).body.items;
    expect(
      updated.find((e: { customerId: number; payload: { changed: string[] } }) => e.customerId === customer.id && e.payload.changed.includes('name')),
    ).toBeTruthy();
    const both = await until(
      () => submissions(form.id),
      (s) => s.length === 2,
      5_000,
      'two submissions',
    );
    expect(both[0]).toMatchObject({ customerId: customer.id, data: { name: '张三丰', city: 'Beijing', age: null, note: null } });
    expect(both.map((s: { id: string }) => s.id)).toEqual([expect.any(String), submission.id]);
    await receiver.waitFor('/crm', before + 2);
    const secondRun = await until(
      async () => (await api().get(`/api/journey-runs/${both[0].runs[0].id}`).set(a.auth).expect(200)).body,
      (r) => r.status === 'completed',
      10_000,
      'the second run',
    );
    expect(secondRun.stepLog.map((s: { nodeId: string; outcome: string }) => `${s.nodeId}:${s.outcome}`)).toEqual(['city:else', 'done:done']);
    expect((await api().get(`/api/forms/${form.id}`).set(a.auth).expect(200)).body.submissionCount).toBe(2);
  });

  it("filling an empty email that is another customer's keeps the matched customer's contact fields and still stores the submission", async () => {
    const form = await newForm({ webhookIds: [] });
    const owner = (await api().post('/api/customers').set(a.auth).send({ name: 'Owner', email: 'taken@example.com' }).expect(201)).body;
    const p = (await api().post('/api/customers').set(a.auth).send({ name: 'P', mobile: '13900000001' }).expect(201)).body;
    await api().post(`/f/${form.key}`).send({ name: 'P 2', mobile: '13900000001', email: 'taken@example.com', consent: true }).expect(201);
    const after = (await api().get(`/api/customers/${p.id}`).set(a.auth).expect(200)).body;
    expect(after).toMatchObject({ name: 'P 2', mobile: '13900000001', email: null });
    expect((await api().get(`/api/customers/${owner.id}`).set(a.auth).expect(200)).body).toMatchObject({ name: 'Owner', mobile: null });
    const [s] = await submissions(form.id);
    expect(s).toMatchObject({ customerId: p.id, data: { email: 'taken@example.com' } });

    // Neither mobile nor email mapped: the submission has no customer.
    const anonymous = await newForm({ webhookIds: [], fields: [{ name: 'feedback', label: '意见', type: 'textarea', required: true }] });
    await api().post(`/f/${anonymous.key}`).send({ feedback: '很好' }).expect(201);
    expect((await submissions(anonymous.id))[0]).toMatchObject({ customerId: null, data: { feedback: '很好' }, deliveries: [], runs: [] });
  });

  it('a bad browser post shows the page again with the values and each error beside its field, and creates nothing', async () => {
    const form = await newForm();
    const [customers, subs, deliveries, messages] = [
      await count('customers'),
      await count('form_submissions'),
      await formDeliveries(),
      receiver.at('/crm').length,
    ];
    const res = await browserPost(form.key, [
      ['name', ''],
      ['mobile', '12ab'],
      ['email', 'not-an-email'],
      ['age', 'thirty'],
      ['city', 'Paris'],
      ['interests', 'tea'],
      ['note', '<script>x</script>'],
    ]).expect(400);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = res.text;
    expect(html).toContain('<p class="summary" role="alert">');
    for (const [field, message] of [
      ['name', '此项为必填项'],
      ['mobile', '请输入有效的手机号码'],
      ['email', '请输入有效的邮箱地址'],
      ['age', '请输入数字'],
      ['city', '请从给出的选项中选择'],
      ['consent', '此项为必填项'],
    ]) {
      expect(html).toMatch(new RegExp(`aria-describedby="f-${field}-error">[\\s\\S]*?<p class="error" id="f-${field}-error">${message}`));
    }
    expect(html).toMatch(/name="mobile" value="12ab"/);
    expect(html).toMatch(/name="email" value="not-an-email"/);
    expect(html).toContain('value="tea" checked');
    expect(html).toContain('>&lt;script&gt;x&lt;/script&gt;</textarea>');
    expect(html).not.toContain('f-note-error');
    await sleep(300);
    expect([await count('customers'), await count('form_submissions'), await formDeliveries(), receiver.at('/crm').length]).toEqual([
      customers,
      subs,
      deliveries,
      messages,
    ]);
  });

  it('JSON callers get 400 with fields keyed by field name, and 201 without internal ids', async () => {
    const form = await newForm({ webhookIds: [], redirectUrl: 'https://example.com/thanks' });
    const bad = await api().post(`/f/${form.key}`).send({ mobile: '123', age: '3 apples', colour: 'red', consent: 'maybe' }).expect(400);
    expect(bad.headers['content-type']).toMatch(/^application\/json/);
    expect(bad.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(bad.body.fields).toEqual({
      name: ['name is required'],
      mobile: ['mobile must be 5 to 20 digits, optionally starting with +'],
      age: ['age must be a number'],
      consent: ['consent must be true or false'],
      colour: ['colour is not a field of this form'],
    });
    expect(bad.body.message).toContain('mobile must be');
    // Each form allows RATE_LIMIT posts a minute from here: the odd bodies go to a form of their own.
    const odd = await newForm({ webhookIds: [] });
    await api()
      .post(`/f/${odd.key}`)
      .send([{ name: 'x' }])
      .expect(400);
    const proto = await api()
      .post(`/f/${odd.key}`)
      .type('json')
      .send('{"__proto__": {"consent": true}, "name": "x", "mobile": "13900000009", "consent": true}')
      .expect(400);
    expect(Object.keys(proto.body.fields)).toEqual(['__proto__']);
    await api().post(`/f/${odd.key}`).set('Content-Type', 'text/plain').send('name=x').expect(415);
    const ok = await api().post(`/f/${form.key}`).send({ name: 'Li', mobile: '+8613900000002', consent: 'true', age: 41 }).expect(201);
    expect(ok.body).toEqual({ status: 'accepted', message: '提交成功,感谢您的参与!', redirectUrl: 'https://example.com/thanks' });
    expect((await submissions(form.id))[0].data).toMatchObject({ mobile: '+8613900000002', consent: true, age: 41 });

    // A browser is sent on to the redirect URL.
    const redirected = await browserPost(form.key, [
      ['name', 'Wang'],
      ['mobile', '13900000003'],
      ['consent', 'on'],
    ]).expect(303);
    expect(redirected.headers.location).toBe('https://example.com/thanks');
    const huge = await api()
      .post(`/f/${form.key}`)
      .send({ name: 'x'.repeat(200 * 1024) })
      .expect(413);
    expect(huge.body).toMatchObject({ statusCode: 413 });
  });

  it('a webhook that cannot be loaded (a secret that does not open) refuses the post with 503 and keeps nothing; once it opens the message goes', async () => {
    receiver.on('/sealed', () => ({ status: 200 }));
    const secret = 'sealed-form-secret-01';
    const hook = (
      await api()
        .post('/api/webhooks')
        .set(a.auth)
        .send({ name: 'sealed', url: receiver.url('/sealed'), secret })
        .expect(201)
    ).body.id;
    const form = await newForm({ webhookIds: [hook] });
    // A sealed value under a key this process does not have: findWithSecrets throws a non-404 error.
    const [{ secret: sealed }] = await t.db.query('SELECT secret FROM webhooks WHERE id = ?', [hook]);
    await t.db.query("UPDATE webhooks SET secret = CONCAT('v1:00000000', SUBSTRING(secret, 12)) WHERE id = ?", [hook]);
    const [subs, messages] = [await count('form_submissions'), await formDeliveries()];
    const post = { name: 'Sealed', mobile: '13900000077', consent: true };
    const refused = await api().post(`/f/${form.key}`).send(post).expect(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.body).toMatchObject({ statusCode: 503, code: 'unavailable' });
    expect(await count('form_submissions')).toBe(subs);
    expect(await formDeliveries()).toBe(messages);
    expect(await customerByMobile('13900000077')).toEqual([]);

    await t.db.query('UPDATE webhooks SET secret = ? WHERE id = ?', [sealed, hook]);
    await api().post(`/f/${form.key}`).send(post).expect(201);
    const [call] = await receiver.waitFor('/sealed', 1);
    expect(call.headers['x-clab-hmac-signature']).toBe(javaDmhubSignature(secret, call.raw));
    expect(await count('form_submissions')).toBe(subs + 1);
  });

  it('a filled honeypot is answered like a success, and nothing is stored or sent', async () => {
    const form = await newForm();
    const [subs, messages] = [await count('form_submissions'), receiver.at('/crm').length];
    const res = await browserPost(form.key, [
      ['name', 'Bot'],
      ['mobile', '13900000099'],
      ['consent', 'on'],
      ['_homepage', 'http://spam.example'],
    ]).expect(200);
    expect(res.text).toContain('提交成功');
    const asJson = await api().post(`/f/${form.key}`).send({ name: 'Bot', mobile: '13900000099', consent: true, _homepage: 'x' }).expect(201);
    expect(asJson.body.status).toBe('accepted');
    await sleep(300);
    expect(await count('form_submissions')).toBe(subs);
    expect(await customerByMobile('13900000099')).toEqual([]);
    expect(receiver.at('/crm').length).toBe(messages);
  });

  it(`allows ${RATE_LIMIT} posts a minute per form and address, then 429 with Retry-After`, async () => {
    const form = await newForm({ webhookIds: [] });
    for (let i = 0; i < RATE_LIMIT; i++) await api().post(`/f/${form.key}`).send({}).expect(400);
    const limited = await api().post(`/f/${form.key}`).send({ name: 'late', mobile: '13900000100', consent: true }).expect(429);
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    const page = await browserPost(form.key, [['name', 'late']]).expect(429);
    expect(page.headers['retry-after']).toBeDefined();
    expect(page.text).toContain('提交过于频繁');
    expect(await customerByMobile('13900000100')).toEqual([]);
    // Per form: another form still takes this address's post; the page itself is never limited.
    const other = await newForm({ webhookIds: [] });
    await api().post(`/f/${other.key}`).send({ name: 'ok', mobile: '13900000101', consent: true }).expect(201);
    await api().get(`/f/${form.key}`).expect(200);
  });

  it('unknown key 404, disabled 410, a rotated key retires the old link, a deleted form keeps its submissions', async () => {
    const missing = await api().get('/f/AAAAAAAAAAAAAAAAAAAAAAAA').expect(404);
    expect(missing.headers['content-type']).toBe('text/html; charset=utf-8');
    await api().get('/f/nope').expect(404);
    expect((await api().post('/f/AAAAAAAAAAAAAAAAAAAAAAAA').send({}).expect(404)).body).toMatchObject({ statusCode: 404, code: 'form_not_found' });

    const form = await newForm({ webhookIds: [] });
    await api().post(`/f/${form.key}`).send({ name: 'Kept', mobile: '13900000200', consent: true }).expect(201);
    await api().patch(`/api/forms/${form.id}`).set(a.auth).send({ enabled: false }).expect(200);
    const gone = await api().get(`/f/${form.key}`).expect(410);
    expect(gone.text).toContain('这个表单已停止收集');
    expect((await api().post(`/f/${form.key}`).send({ name: 'x' }).expect(410)).body).toMatchObject({ statusCode: 410 });
    await browserPost(form.key, [['name', 'x']]).expect(410);
    await api().patch(`/api/forms/${form.id}`).set(a.auth).send({ enabled: true }).expect(200);

    const rotated = (await api().post(`/api/forms/${form.id}/rotate-key`).set(a.auth).expect(200)).body;
    expect(rotated.key).not.toBe(form.key);
    expect(rotated.publicUrl).toBe(`/f/${rotated.key}`);
    await api().get(`/f/${form.key}`).expect(404);
    await api().post(`/f/${form.key}`).send({ name: 'x', mobile: '13900000201', consent: true }).expect(404);
    await api().get(`/f/${rotated.key}`).expect(200);

    await api().delete(`/api/forms/${form.id}`).set(a.auth).expect(204);
    await api().get(`/f/${rotated.key}`).expect(404);
    expect((await api().delete(`/api/forms/${form.id}`).set(a.auth).expect(404)).body).toMatchObject({ code: 'form_not_found', params: { id: form.id } });
    await api().patch(`/api/forms/${form.id}`).set(a.auth).send({ name: 'x' }).expect(404);
    expect((await api().get('/api/forms?limit=1000').set(a.auth).expect(200)).body.items.map((f: { id: number }) => f.id)).not.toContain(form.id);
    const detail = (await api().get(`/api/forms/${form.id}`).set(a.auth).expect(200)).body;
    expect(detail).toMatchObject({ submissionCount: 1, deletedAt: expect.any(String) });
    expect((await submissions(form.id))[0].data.name).toBe('Kept');
  });

  it("another tenant's forms and submissions are 404; journeys may only name the tenant's live forms", async () => {
    const form = await newForm({ webhookIds: [] });
    for (const req of [
      api().get(`/api/forms/${form.id}`),
      api().patch(`/api/forms/${form.id}`).send({ name: 'x' }),
      api().delete(`/api/forms/${form.id}`),
      api().post(`/api/forms/${form.id}/rotate-key`),
      api().get(`/api/forms/${form.id}/submissions`),
    ]) {
      await req.set(b.auth).expect(404);
    }
    expect((await api().get('/api/forms').set(b.auth).expect(200)).body.items).toEqual([]);
    await api().get(`/api/forms/${form.id}`).expect(401);

    const journey = (formId: number, tenant = a) =>
      api()
        .post('/api/journeys')
        .set(tenant.auth)
        .send({
          name: 'form trigger',
          trigger: { type: 'form_submitted', formId },
          start: 'e',
          nodes: [{ id: 'e', type: 'end' }],
        });
    const theirs = await journey(form.id, b).expect(400);
    expect(theirs.body.fields['trigger.formId'][0]).toContain('names no form of yours');
    await api().delete(`/api/forms/${form.id}`).set(a.auth).expect(204);
    expect((await journey(form.id).expect(400)).body.fields['trigger.formId'][0]).toContain(`(${form.id})`);
    const live = await newForm({ webhookIds: [] });
    await journey(live.id).expect(201);
  });

  it('a burst of posts to several forms at once: each stored once, with its own message and run, and the messages go', async () => {
    const forms: { id: number; key: string }[] = [];
    for (let i = 0; i < 6; i++) forms.push(await newForm());
    const journey = (
      await api()
        .post('/api/journeys')
        .set(a.auth)
        .send({ name: 'burst', reentry: 'always', trigger: { type: 'form_submitted', formId: forms[0].id }, start: 'e', nodes: [{ id: 'e', type: 'end' }] })
        .expect(201)
    ).body;
    await api().post(`/api/journeys/${journey.id}/activate`).set(a.auth).expect(200);
    const before = receiver.at('/crm').length;
    // RATE_LIMIT posts to each form (per form and address), all in flight together: they share group commits across forms.
    const answers = await Promise.all(
      forms.flatMap((form, i) =>
        Array.from({ length: RATE_LIMIT }, (_, n) =>
          browserPost(form.key, [
            ['name', `群发 ${i}-${n}`],
            ['mobile', `137${String(77_000_000 + i * 10 + n)}`],
            ['consent', 'true'],
          ]),
        ),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(forms.length * RATE_LIMIT).fill(200));
    const rows = (await t.db.query('SELECT id, formId, customerId, data, deliveryIds, runIds FROM form_submissions WHERE formId IN (?)', [
      forms.map((f) => f.id),
    ])) as { id: string; formId: number; customerId: number; data: string | { name: string }; deliveryIds: string | string[]; runIds: string | number[] }[];
    const json = <T>(v: string | T): T => (typeof v === 'string' ? JSON.parse(v) : v);
    expect(rows).toHaveLength(forms.length * RATE_LIMIT);
    expect(new Set(rows.map((r) => json<{ name: string }>(r.data).name)).size).toBe(rows.length);
    expect(new Set(rows.map((r) => r.customerId)).size).toBe(rows.length);
    for (const r of rows) {
      expect(json<string[]>(r.deliveryIds)).toHaveLength(1);
      expect(json<number[]>(r.runIds)).toHaveLength(r.formId === forms[0].id ? 1 : 0);
    }
    const runs = await t.db.query('SELECT occurrenceKey FROM journey_runs WHERE journeyId = ?', [journey.id]);
    expect(runs.map((r: { occurrenceKey: string }) => r.occurrenceKey).sort()).toEqual(
      rows
        .filter((r) => r.formId === forms[0].id)
        .map((r) => `submission:${r.id}`)
        .sort(),
    );
    // Each message names its own submission (the ids a group's insert took).
    const got = await until(
      async () => receiver.at('/crm').slice(before),
      (l) => l.length >= rows.length,
      20_000,
      'the burst messages',
    );
    const sent = got.map((m) => JSON.parse(m.raw.toString()) as { submission: string; name: string });
    expect(sent.map((m) => `${m.submission}:${m.name}`).sort()).toEqual(rows.map((r) => `${r.id}:${json<{ name: string }>(r.data).name}`).sort());
  });

  it('the OpenAPI document lists the form routes', async () => {
    const doc = (await api().get('/api/docs/openapi.json').expect(200)).body;
    for (const path of ['/api/forms', '/api/forms/{id}', '/api/forms/{id}/rotate-key', '/api/forms/{id}/submissions', '/f/{key}']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(doc.paths['/f/{key}'].post.tags).toEqual(['forms (public)']);
  });
});
