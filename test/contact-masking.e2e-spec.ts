import type { INestApplicationContext } from '@nestjs/common';
import { Http } from './fuzz/support/http';
import { operations } from './fuzz/support/openapi';
import { buildWorld, World } from './fuzz/support/world';
import { apiDocument } from './support/contract';
import { Receiver } from './support/receiver';
import { until } from './support/until';
import { createTestApp, createTestWorker, TestApp } from './support/test-app';

const OPEN_ID = 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M';

/**
 * An analyst reads customers with their contact fields (email, mobile, open ids) masked, in every
 * answer that shows them: the customer itself, and each view that embeds a customer (group members,
 * messages, mass sends' messages, journey runs, form submissions, loyalty members, event payloads)
 * or carries a contact value in text (a rendered message body). A marketer reads them whole.
 */
describe('contact fields masked for analysts', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let receiver: Receiver;
  let http: Http;
  let world: World;
  const cookies: Record<string, string> = {};
  /** Every contact value of the world's customers. */
  let contacts: string[];
  let contactDeliveryId: string;
  let contactHookId: number;

  const read = async (who: 'marketer' | 'analyst', path: string) => {
    const res = await http.json('GET', path, undefined, undefined, { Cookie: cookies[who] });
    if (res.status !== 200) throw new Error(`${who} GET ${path} → ${res.status} ${res.text.slice(0, 300)}`);
    return res.text;
  };

  beforeAll(async () => {
    receiver = await Receiver.start();
    t = await createTestApp();
    worker = await createTestWorker(t.env);
    http = new Http(await t.app.getUrl());
    world = await buildWorld(http, { receiverUrl: receiver.url(''), name: 'Mask', mobilePrefix: '13912345', withWorker: true });
    const customerId = world.extra.customerIds[0];
    await http.ok('PATCH', `/api/customers/${customerId}`, { attributes: { city: 'Shanghai', openid: OPEN_ID } }, world.key);
    // A message whose body the template filled with the customer's contact fields.
    const hook = await http.ok(
      'POST',
      '/api/webhooks',
      { name: 'Mask contacts', url: receiver.url('/contacts'), bodyTemplate: { to: '{{ customer.mobile }}', mail: '{{ customer.email }}' }, maxAttempts: 1 },
      world.key,
    );
    contactHookId = hook.id;
    const sent = await http.ok('POST', `/api/webhooks/${hook.id}/test`, { customerId }, world.key);
    contactDeliveryId = String(sent.deliveryId ?? sent.id);
    for (const role of ['marketer', 'analyst'] as const) {
      const email = `${role}@mask.example`;
      await http.ok('POST', '/api/console-users', { email, password: 'correct horse', role }, world.key);
      const login = await http.json('POST', '/api/auth/login', { email, password: 'correct horse' });
      cookies[role] = String(([] as string[]).concat(login.headers['set-cookie'] ?? []).find((c) => c.startsWith('herald_session='))).split(';')[0];
    }
    const customers = (await http.ok('GET', '/api/customers?limit=200', undefined, world.key)).items as { mobile: string | null; email: string | null }[];
    contacts = [...customers.flatMap((c) => [c.mobile, c.email]).filter((v): v is string => !!v), OPEN_ID];
    expect(contacts.length).toBeGreaterThan(7);
  }, 120_000);

  afterAll(async () => {
    http?.close();
    await worker?.close();
    await t?.close();
    await receiver?.close();
  });

  const whole = (text: string) => contacts.filter((c) => text.includes(c));

  it('masks them in each view of a customer or embedding one; a marketer reads them whole', async () => {
    const c = world.extra.customerIds[0];
    const runs = (await http.ok('GET', `/api/journeys/${world.ids['/api/journeys']}/runs`, undefined, world.key)).items as {
      id: string;
      customerId: number | null;
    }[];
    const paths = [
      '/api/customers',
      `/api/customers/${c}`,
      `/api/customers/${c}/profile`,
      `/api/groups/${world.ids['/api/groups']}/members`,
      '/api/deliveries',
      `/api/deliveries/${world.ids['/api/deliveries']}`,
      `/api/deliveries/${contactDeliveryId}`,
      `/api/broadcasts/${world.ids['/api/broadcasts']}/deliveries`,
      `/api/journeys/${world.ids['/api/journeys']}/runs`,
      `/api/journey-runs/${runs.find((r) => r.customerId !== null)?.id ?? world.ids['/api/journey-runs']}`,
      `/api/forms/${world.ids['/api/forms']}/submissions`,
      '/api/loyalty/memberships',
    ];
    // (The timeline names messages, runs and events without contact fields: the sweep below reads it too.)
    const problems: string[] = [];
    for (const path of paths) {
      const [marketer, analyst] = [await read('marketer', path), await read('analyst', path)];
      if (!whole(marketer).length) problems.push(`${path}: the marketer sees no contact field whole`);
      if (whole(analyst).length) problems.push(`${path}: the analyst sees ${whole(analyst).join(', ')}`);
      if (!analyst.includes('****')) problems.push(`${path}: the analyst sees nothing masked`);
    }
    expect(problems).toEqual([]);
  });

  it('masks the customer itself field by field, and a rendered body’s contact values', async () => {
    const c = world.extra.customerIds[0];
    const customer = JSON.parse(await read('analyst', `/api/customers/${c}`));
    const plain = await http.ok('GET', `/api/customers/${c}`, undefined, world.key);
    expect(customer).toEqual({
      ...plain,
      mobile: `${plain.mobile.slice(0, 3)}****${plain.mobile.slice(-4)}`,
      email: `${plain.email[0]}***@example.com`,
      attributes: { ...plain.attributes, openid: 'o6_b****' },
    });
    expect(customer.name).toBe(plain.name);
    const message = JSON.parse(await read('analyst', `/api/deliveries/${contactDeliveryId}`));
    const body = JSON.stringify(message);
    expect(body).toContain(`${plain.mobile.slice(0, 3)}****${plain.mobile.slice(-4)}`);
    expect(body).toContain(`${plain.email[0]}***@example.com`);
    expect(whole(await read('marketer', `/api/deliveries/${contactDeliveryId}`))).toEqual(expect.arrayContaining([plain.mobile, plain.email]));
  });

  it('shows the analyst no contact field whole in any answer it may read', async () => {
    const problems: string[] = [];
    let read200 = 0;
    for (const op of operations(apiDocument as Parameters<typeof operations>[0]).filter((o) => o.method === 'GET' && o.path.startsWith('/api/'))) {
      const path = op.path.replace(/\/([^/{]+)\/\{[^}]+\}/g, (_m, seg: string, offset: number) => {
        const collection = `${op.path.slice(0, offset)}/${seg}`;
        return `/${seg}/${world.ids[collection] ?? world.ids[`/api/${seg}`] ?? '1'}`;
      });
      const res = await http.json('GET', path, undefined, undefined, { Cookie: cookies.analyst });
      if (res.status === 200) read200++;
      if (whole(res.text).length) problems.push(`GET ${path} (${res.status}): ${whole(res.text).join(', ')}`);
    }
    expect(problems).toEqual([]);
    expect(read200).toBeGreaterThan(40);
  });

  it('gives the analyst no way to tell a masked value back: search, rule counts, template previews', async () => {
    const c = await http.ok('GET', `/api/customers/${world.extra.customerIds[0]}`, undefined, world.key);
    const as = (who: 'marketer' | 'analyst', method: string, path: string, body?: unknown) =>
      http.json(method, path, body, undefined, { Cookie: cookies[who] });
    // Search: by name for both; by mobile digits only for who sees mobiles.
    const middle = c.mobile.slice(3, 7);
    expect((await as('marketer', 'GET', `/api/customers?q=${middle}`)).json.items.length).toBeGreaterThan(0);
    expect((await as('analyst', 'GET', `/api/customers?q=${middle}`)).json.items).toEqual([]);
    expect((await as('analyst', 'GET', `/api/customers?q=${encodeURIComponent(c.name)}`)).json.items.map((x: { id: number }) => x.id)).toContain(c.id);
    // A rule count over a contact field.
    const byMobile = { rule: { field: 'mobile', op: 'contains', value: c.mobile.slice(0, 6) } };
    expect((await as('marketer', 'POST', '/api/groups/preview-count', byMobile)).json.count).toBeGreaterThan(0);
    for (const rule of [
      byMobile.rule,
      {
        or: [
          { field: 'name', op: '=', value: 'x' },
          { field: 'email', op: 'contains', value: '@' },
        ],
      },
    ]) {
      const refused = await as('analyst', 'POST', '/api/groups/preview-count', { rule });
      expect({ status: refused.status, code: refused.json?.code, params: refused.json?.params }).toEqual({
        status: 403,
        code: 'forbidden',
        params: { permission: 'customers:contact' },
      });
    }
    expect((await as('analyst', 'POST', '/api/groups/preview-count', { rule: { field: 'activityScore', op: '>=', value: 0 } })).json.count).toBeGreaterThan(0);
    // A preview whose template cuts the mobile into pieces a text scan would not recognise.
    const template = { bodyTemplate: { part: '{{ customer.mobile | slice: 3, 4 }}', who: '{{ customer.email | split: "@" | first }}' }, customerId: c.id };
    const hook = world.ids['/api/webhooks'];
    const marketer = await as('marketer', 'POST', `/api/webhooks/${hook}/preview`, template);
    expect(marketer.json.body).toMatchObject({ part: middle, who: c.email.split('@')[0] });
    const analyst = await as('analyst', 'POST', `/api/webhooks/${hook}/preview`, template);
    expect(analyst.status).toBe(200);
    expect(analyst.json.body).toMatchObject({ part: '****', who: `${c.email[0]}***` });
    const draft = await as('analyst', 'POST', '/api/webhooks/preview', { url: receiver.url('/x'), ...template });
    expect(draft.json.body).toMatchObject({ part: '****' });
  });

  it('masks the submitted values of a form’s contact fields, whatever their name or country', async () => {
    const form = await http.ok(
      'POST',
      '/api/forms',
      {
        name: 'Mask abroad',
        fields: [
          { name: 'xingming', label: '姓名', type: 'text', maps: 'name' },
          { name: 'shouji', label: '手机', type: 'tel', maps: 'mobile', required: true },
          { name: 'youxiang', label: '邮箱', type: 'email' },
        ],
        webhookIds: [contactHookId],
      },
      world.key,
    );
    await http.ok('POST', `/f/${form.key}`, { xingming: 'Ann Lee', shouji: '+442071838750', youxiang: 'ann.lee@example.org' });
    const path = `/api/forms/${form.id}/submissions`;
    const [analyst] = JSON.parse(await read('analyst', path)).items;
    expect(analyst.data).toEqual({ xingming: 'Ann Lee', shouji: '+4420****8750', youxiang: 'a***@example.org' });
    expect(analyst.customer).toMatchObject({ name: 'Ann Lee', mobile: '+4420****8750' });
    const [marketer] = JSON.parse(await read('marketer', path)).items;
    expect(marketer.data).toEqual({ xingming: 'Ann Lee', shouji: '+442071838750', youxiang: 'ann.lee@example.org' });
    // The message the submission caused carries the number in its body: masked there too, as its customer names it.
    const message = await until(
      async () => JSON.parse(await read('analyst', `/api/deliveries/${marketer.deliveries[0].id}`)),
      (m) => JSON.stringify(m.request?.body ?? '').includes('to'),
      20_000,
      'the message to be rendered',
    );
    expect(message.request.body).toMatchObject({ to: '+4420****8750' });
    expect(JSON.stringify(message)).not.toContain('2071838750');
  });

  it('leaves the analyst their own email in GET /api/auth/me', async () => {
    const me = JSON.parse(await read('analyst', '/api/auth/me'));
    expect(me.user.email).toBe('analyst@mask.example');
    expect(me.permissions).not.toContain('customers:contact');
  });
});
