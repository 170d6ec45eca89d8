import { createTenant, createTestApp, TestApp, TestTenant } from './support/test-app';

/** The editors' live previews: an unsaved webhook's request and an unsaved form's page, nothing stored. */
describe('editor previews', () => {
  let t: TestApp;
  let a: TestTenant;
  let b: TestTenant;
  let customerId: number;
  let otherCustomerId: number;

  beforeAll(async () => {
    t = await createTestApp();
    a = await createTenant(t, 'A');
    b = await createTenant(t, 'B');
    const c = await t
      .http()
      .post('/api/customers')
      .set(a.auth)
      .send({ name: '王小明', mobile: '13912345678', attributes: { city: '杭州' } })
      .expect(201);
    customerId = c.body.id;
    const other = await t.http().post('/api/customers').set(b.auth).send({ name: 'B 的客户' }).expect(201);
    otherCustomerId = other.body.id;
  });
  afterAll(() => t.close());

  const preview = (body: object, tenant = a) => t.http().post('/api/webhooks/preview').set(tenant.auth).send(body);
  const secret = 'draft-secret-never-shown';

  it('renders and signs an unsaved webhook for a customer, without showing the secret or storing anything', async () => {
    const res = await preview({
      url: 'https://crm.example.com/hooks?x=1',
      secret,
      basicAuth: { username: 'crm', password: 'pass-never-shown' },
      headers: { 'X-Source': 'herald' },
      bodyTemplate: { text: '{{ customer.name }} 在 {{ customer.attributes.city }}' },
      customerId,
    }).expect(200);
    expect(res.body).toMatchObject({ method: 'POST', url: 'https://crm.example.com/hooks?x=1', body: { text: '王小明 在 杭州' } });
    expect(res.body.headers).toMatchObject({
      'Content-Type': 'application/json',
      'X-Source': 'herald',
      'X-Herald-Attempt': '1',
      Authorization: '••••••',
      'X-Clab-Hmac-Signature': expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(JSON.stringify(res.body)).not.toContain(secret);
    expect(JSON.stringify(res.body)).not.toContain('pass-never-shown');
    const [{ n }] = await t.db.query('SELECT COUNT(*) AS n FROM webhooks WHERE tenantId = ?', [a.id]);
    expect(Number(n)).toBe(0);
    const [{ d }] = await t.db.query('SELECT COUNT(*) AS d FROM deliveries WHERE tenantId = ?', [a.id]);
    expect(Number(d)).toBe(0);
  });

  it('renders for the sample customer when none is picked, the default body when there is no template', async () => {
    const sample = await preview({ url: 'https://x.example/h', bodyTemplate: '{"who": "{{ customer.name }}"}' }).expect(200);
    expect(sample.body.body).toEqual({ who: 'Sample Customer' });
    const plain = await preview({ url: 'https://x.example/h', name: '默认', method: 'PUT' }).expect(200);
    expect(plain.body).toMatchObject({ method: 'PUT', body: { event: 'webhook/test', customer: { name: 'Sample Customer' } } });
  });

  it('is a 400 naming a bad field, like create', async () => {
    const noUrl = await preview({ name: 'x' }).expect(400);
    expect(noUrl.body.problems).toEqual([expect.objectContaining({ path: 'url', code: 'required' })]);
    const bad = await preview({ url: 'ftp://x', timeoutMs: 5 }).expect(400);
    expect(bad.body.problems.map((p: { path: string }) => p.path).sort()).toEqual(['timeoutMs', 'url']);
    const unsigned = await preview({ url: 'https://x.example/h', signatureScheme: 'standard' }).expect(400);
    expect(unsigned.body.problems).toEqual([expect.objectContaining({ path: 'secret', code: 'secret_required' })]);
  });

  it('points a template problem at its line when the template is JSON text', async () => {
    const text = '{\n  "msgtype": "text",\n  "text": {\n    "content": "{{ customer.nme }}"\n  }\n}';
    const res = await preview({ url: 'https://x.example/h', bodyTemplate: text }).expect(400);
    expect(res.body.problems).toEqual([expect.objectContaining({ path: 'bodyTemplate.text.content', params: expect.objectContaining({ line: 4 }) })]);
    const broken = await preview({ url: 'https://x.example/h', bodyTemplate: '{\n  "a": 1,\n}' }).expect(400);
    expect(broken.body.problems).toEqual([expect.objectContaining({ path: 'bodyTemplate', code: 'json_text', params: expect.objectContaining({ line: 3 }) })]);
  });

  it("is a 404 for another tenant's customer", async () => {
    const res = await preview({ url: 'https://x.example/h', customerId: otherCustomerId }).expect(404);
    expect(res.body.code).toBe('customer_not_found');
  });

  it("previews a saved webhook's unsaved edits with its stored secret, storing nothing", async () => {
    const saved = await t
      .http()
      .post('/api/webhooks')
      .set(a.auth)
      .send({ name: '已保存', url: 'https://old.example/h', secret, bodyTemplate: { v: 'saved' } })
      .expect(201);
    const res = await t
      .http()
      .post(`/api/webhooks/${saved.body.id}/preview`)
      .set(a.auth)
      .send({ url: 'https://new.example/h', headers: { 'X-Source': 'edit' }, bodyTemplate: '{"v": "{{ customer.name }}"}', customerId })
      .expect(200);
    expect(res.body).toMatchObject({ url: 'https://new.example/h', body: { v: '王小明' }, headers: { 'X-Source': 'edit' } });
    expect(res.body.headers['X-Clab-Hmac-Signature']).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(res.body)).not.toContain(secret);
    const bad = await t.http().post(`/api/webhooks/${saved.body.id}/preview`).set(a.auth).send({ url: 'nope' }).expect(400);
    expect(bad.body.problems).toEqual([expect.objectContaining({ path: 'url' })]);
    const stored = (await t.http().get(`/api/webhooks/${saved.body.id}`).set(a.auth).expect(200)).body;
    expect(stored).toMatchObject({ url: 'https://old.example/h', bodyTemplate: { v: 'saved' }, headers: {} });
    await t.db.query('DELETE FROM webhooks WHERE tenantId = ?', [a.id]);
  });

  it("renders an unsaved form's page like /f/<key>, posting nowhere, with the strict policy kept in the page", async () => {
    const fields = [
      { name: 'name', label: '姓名', type: 'text', required: true, maps: 'name' },
      { name: 'mobile', label: '手机号', type: 'tel', required: true, maps: 'mobile' },
      { name: 'city', label: '<b>城市</b>', type: 'text', required: false, maps: 'attributes.city' },
    ];
    const res = await t.http().post('/api/forms/preview').set(a.auth).send({ name: '春季活动', title: '报名', fields }).expect(200);
    expect(res.body.contentSecurityPolicy).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'");
    expect(res.body.html).toContain(`<meta http-equiv="Content-Security-Policy" content="${res.body.contentSecurityPolicy}">`);
    expect(res.body.html).toContain('<h1>报名</h1>');
    expect(res.body.html).toContain('name="mobile"');
    expect(res.body.html).toContain('&lt;b&gt;城市&lt;/b&gt;');
    // The same page the public link serves, but for the policy line.
    const saved = await t.http().post('/api/forms').set(a.auth).send({ name: '春季活动', title: '报名', fields }).expect(201);
    const page = await t.http().get(`/f/${saved.body.key}`).expect(200);
    expect(res.body.html.replace(/\n<meta http-equiv[^\n]*/, '')).toBe(page.text);
  });

  it('is a 400 naming the bad part of an unsaved form', async () => {
    const res = await t
      .http()
      .post('/api/forms/preview')
      .set(a.auth)
      .send({ fields: [{ name: 'mobile', label: '手机号', type: 'text', required: false, maps: 'mobile' }] })
      .expect(400);
    expect(res.body.problems).toEqual([expect.objectContaining({ path: 'fields[0].maps' })]);
    await t.http().post('/api/forms/preview').set(a.auth).send({}).expect(400);
  });
});
