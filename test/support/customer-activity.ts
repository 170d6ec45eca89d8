import request from 'supertest';
import type { Receiver } from './receiver';
import type { TestApp, TestTenant } from './test-app';

export interface SeededActivity {
  webhook: { id: number; name: string };
  broadcast: { id: number; name: string };
  journey: { id: number; name: string };
  form: { id: number; name: string };
  trigger: { id: number; name: string };
  group: { id: number; name: string };
  dynamicGroup: { id: number; name: string };
  coupon: { id: number; name: string };
  level: { id: number; name: string };
}

/**
 * Gives one customer (with a mobile) real activity through the API: a mass send to a static group,
 * an inbound call that starts a journey run (which messages the CRM), a form submission (which
 * messages it too), and a loyalty membership with a dispatched coupon. A worker must run.
 */
export async function seedCustomerActivity(
  t: TestApp,
  tenant: TestTenant,
  customer: { id: number; mobile: string },
  receiver: Receiver,
): Promise<SeededActivity> {
  const post = async (path: string, body: object, status = 201) => (await t.http().post(path).set(tenant.auth).send(body).expect(status)).body;
  receiver.on('/crm', () => ({ status: 200, body: '{"ok":true}' }));
  const webhook = await post('/api/webhooks', { name: 'CRM 同步', url: receiver.url('/crm') });
  const group = await post('/api/groups', { name: '高价值客户', type: 'static' });
  await post(`/api/groups/${group.id}/members`, { customerIds: [customer.id] }, 200);
  const dynamicGroup = await post('/api/groups', { name: '上海客户', type: 'dynamic', rule: { field: 'attributes.city', op: '=', value: '上海' } });

  const broadcast = await post('/api/broadcasts', { webhookId: webhook.id, groupId: group.id, name: '双十一大促' });

  const journey = await post('/api/journeys', {
    name: '新客欢迎旅程',
    reentry: 'always',
    trigger: { type: 'inbound' },
    start: 'crm',
    nodes: [{ id: 'crm', type: 'webhook', webhookId: webhook.id, label: '同步到 CRM' }],
  });
  await post(`/api/journeys/${journey.id}/activate`, {}, 200);
  const trigger = await post('/api/inbound-triggers', {
    name: '小程序下单回调',
    mode: 'async',
    journeyId: journey.id,
    customerMatch: { mobile: 'data.phone' },
  });
  await request(t.app.getHttpServer()).post(`/hooks/${trigger.key}`).send({ phone: customer.mobile, sku: 'A-1' }).expect(202);

  const form = await post('/api/forms', {
    name: '门店活动报名',
    title: '门店活动报名',
    fields: [
      { name: 'name', label: '姓名', type: 'text', maps: 'name' },
      { name: 'mobile', label: '手机号码', type: 'tel', required: true, maps: 'mobile' },
    ],
    webhookIds: [webhook.id],
  });
  await request(t.app.getHttpServer()).post(`/f/${form.key}`).send({ mobile: customer.mobile }).expect(201);

  const level = await post('/api/loyalty/levels', { name: '银卡会员', rank: 1 });
  const membership = await post('/api/loyalty/memberships', { customerId: customer.id, levelId: level.id });
  const coupon = await post('/api/loyalty/coupons', {
    name: '满100减20',
    startDate: new Date(Date.now() - 3_600_000).toISOString(),
    endDate: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    stock: 10,
  });
  await post(`/api/loyalty/coupons/${coupon.id}/dispatch`, { membershipIds: [membership.id] }, 200);

  const named = (x: { id: number; name: string }) => ({ id: x.id, name: x.name });
  return {
    webhook: named(webhook),
    broadcast: named(broadcast),
    journey: named(journey),
    form: named(form),
    trigger: named(trigger),
    group: named(group),
    dynamicGroup: named(dynamicGroup),
    coupon: named(coupon),
    level: named(level),
  };
}
