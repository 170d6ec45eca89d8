/**
 * One tenant with one of every resource the API has, made through the API itself: what the fuzzer
 * needs valid ids of, what the isolation test tries to reach from another tenant, and what the
 * secrets test reads back. Ids are keyed by the collection path their `{id}` sits under.
 */
import { createHash } from 'crypto';
import { ADMIN_TOKEN } from '../../support/test-app';
import { until } from '../../support/until';
import type { Http } from './http';

export interface World {
  tenantId: number;
  /** The tenant's API key. */
  key: string;
  /** Valid path values by collection: `/api/customers` → a customer id. */
  ids: Record<string, string>;
  /** Where one operation needs another id than its collection's (deleting a journey: only a draft can go). */
  opIds: Record<string, string>;
  /** A few more ids the seeds need. */
  extra: {
    customerIds: number[];
    dynamicGroupId: number;
    eventWebhookId: number;
    membershipIds: number[];
    levelIds: number[];
    couponCode: string;
    formKey: string;
    hookKey: string;
    /** The trigger with every caller check (hmac, token in X-Shared, Standard Webhooks). */
    checkedHookKey: string;
    checkedTriggerId: number;
    consoleEmail: string;
    consolePassword: string;
    /** An API key the fuzzer may revoke (never the one it uses). */
    spareApiKeyId: number;
  };
  /** Every secret this world holds: webhook secrets and passwords, inbound trigger secrets, the console password, API keys. */
  secrets: Record<string, string>;
}

const uniq = (tag: string) => `${tag}${createHash('sha1').update(`${tag}${process.pid}${Math.random()}`).digest('hex').slice(0, 10)}`;

export interface WorldOptions {
  /** Where the world's webhooks send (a local receiver). */
  receiverUrl: string;
  name: string;
  /** A mobile prefix that keeps customers of several worlds apart (8 digits). */
  mobilePrefix: string;
  /** Wait for the worker to finish the mass send (needs a worker). */
  withWorker?: boolean;
}

export async function buildWorld(http: Http, o: WorldOptions): Promise<World> {
  const created = await http.ok('POST', '/api/tenants', { name: o.name }, ADMIN_TOKEN);
  const key: string = created.apiKey.key;
  const tenantId: number = created.tenant.id;
  const ok = (method: string, path: string, body?: unknown) => http.ok(method, path, body, key);
  const secrets: Record<string, string> = { apiKey: key };

  const customers = [];
  for (let i = 0; i < 3; i++) {
    customers.push(
      await ok('POST', '/api/customers', {
        name: `${o.name} 客户 ${i}`,
        mobile: `${o.mobilePrefix}${String(i).padStart(3, '0')}`,
        email: `${uniq('c')}@example.com`,
        activityScore: 100 * i,
        attributes: { city: 'Shanghai', tier: i },
      }),
    );
  }
  const customerIds = customers.map((c) => c.id as number);
  const group = await ok('POST', '/api/groups', { name: `${o.name} static`, type: 'static' });
  await ok('POST', `/api/groups/${group.id}/members`, { customerIds });
  const dynamic = await ok('POST', '/api/groups', { name: `${o.name} dynamic`, type: 'dynamic', rule: { field: 'activityScore', op: '>=', value: 0 } });

  secrets.webhookSecret = `whs-${uniq('sec')}-secret`;
  secrets.basicPassword = `bap-${uniq('pw')}-password`;
  secrets.headerToken = `hdr-${uniq('tok')}-token`;
  secrets.userinfoPassword = `uip-${uniq('ui')}-password`;
  const webhook = await ok('POST', '/api/webhooks', {
    name: `${o.name} CRM`,
    url: `${o.receiverUrl}/crm`,
    secret: secrets.webhookSecret,
    basicAuth: { username: 'herald', password: secrets.basicPassword },
    headers: { 'X-Api-Key': secrets.headerToken, 'X-Plain': 'visible' },
    bodyTemplate: { text: '{{ customer.name }}', score: '{{ customer.activityScore }}' },
    maxAttempts: 1,
  });
  // Credentials in the URL's userinfo move into basic auth (as in DMS).
  const userinfoUrl = new URL(`${o.receiverUrl}/userinfo`);
  userinfoUrl.username = 'ui-user';
  userinfoUrl.password = secrets.userinfoPassword;
  await ok('POST', '/api/webhooks', { name: `${o.name} userinfo`, url: userinfoUrl.toString(), signatureScheme: 'none', maxAttempts: 1 });
  secrets.standardSecret = `whsec_${Buffer.from(uniq('std').padEnd(32, 'x')).toString('base64')}`;
  await ok('POST', '/api/webhooks', {
    name: `${o.name} standard`,
    url: `${o.receiverUrl}/standard`,
    signatureScheme: 'standard',
    secret: secrets.standardSecret,
    maxAttempts: 1,
  });
  const eventHook = await ok('POST', '/api/webhooks', {
    name: `${o.name} events`,
    url: `${o.receiverUrl}/events`,
    triggerType: 'event',
    events: ['loyalty/membership_level_up', 'customer/updated'],
    secret: (secrets.eventSecret = `evs-${uniq('ev')}-secret`),
    maxAttempts: 1,
  });

  // A test send makes a delivery (synchronously, in the api).
  const test = await ok('POST', `/api/webhooks/${webhook.id}/test`, { customerId: customerIds[0] });
  const deliveryId: string = test.deliveryId ?? test.id ?? test.delivery?.id;
  if (!deliveryId) throw new Error(`test send answered without a delivery id: ${JSON.stringify(test).slice(0, 500)}`);

  // A message that failed (nothing listens on port 9): what retry takes.
  const dead = await ok('POST', '/api/webhooks', { name: `${o.name} dead`, url: 'http://127.0.0.1:9/dead', maxAttempts: 1 });
  const failed = await ok('POST', `/api/webhooks/${dead.id}/test`, { customerId: customerIds[1] });
  const broadcast = await ok('POST', '/api/broadcasts', { webhookId: webhook.id, groupId: group.id, name: `${o.name} send` });
  const scheduled = await ok('POST', '/api/broadcasts', {
    webhookId: webhook.id,
    groupId: group.id,
    name: `${o.name} later`,
    scheduledAt: '2099-01-01T00:00:00Z',
  });
  if (o.withWorker) {
    await until(
      () => ok('GET', `/api/broadcasts/${broadcast.id}`),
      (b) => ['completed', 'completed_with_failures'].includes(b.status),
      60_000,
      'the mass send to finish',
    );
  }

  const bronze = await ok('POST', '/api/loyalty/levels', { name: `${o.name} 铜`, rank: 1 });
  const gold = await ok('POST', '/api/loyalty/levels', { name: `${o.name} 金`, rank: 2 });
  const membership = await ok('POST', '/api/loyalty/memberships', { customerId: customerIds[0], levelId: bronze.id });
  const membership2 = await ok('POST', '/api/loyalty/memberships', { customerId: customerIds[1], levelId: bronze.id });
  await ok('PATCH', `/api/loyalty/memberships/${membership.id}`, { levelId: gold.id });
  const coupon = await ok('POST', '/api/loyalty/coupons', { name: `${o.name} 券`, startDate: '2020-01-01T00:00:00Z', endDate: '2099-01-01T00:00:00Z' });
  await ok('POST', `/api/loyalty/coupons/${coupon.id}/dispatch`, { membershipIds: [membership.id] });
  const codes = await ok('GET', `/api/loyalty/coupons/${coupon.id}/codes`);
  const couponCode: string = (codes.items ?? codes)[0].code;
  const events = await ok('GET', '/api/events');
  const eventId = (events.items ?? events)[0].id;

  const form = await ok('POST', '/api/forms', {
    name: `${o.name} form`,
    fields: [
      { name: 'name', label: '姓名', type: 'text', maps: 'name' },
      { name: 'phone', label: '手机', type: 'tel', maps: 'mobile', required: true },
      { name: 'city', label: '城市', type: 'text', maps: 'attributes.city' },
    ],
    webhookIds: [webhook.id],
  });
  const journey = await ok('POST', '/api/journeys', {
    name: `${o.name} journey`,
    reentry: 'always',
    trigger: { type: 'form_submitted', formId: form.id },
    start: 'city',
    nodes: [
      { id: 'city', type: 'condition', rule: { field: 'customer.attributes.city', op: '=', value: 'Shanghai' }, then: 'crm', else: 'done' },
      { id: 'crm', type: 'webhook', webhookId: webhook.id, onFailure: 'continue', next: 'mark' },
      { id: 'mark', type: 'update_customer', set: { 'attributes.synced': true }, activityDelta: 1, next: 'done' },
      { id: 'done', type: 'end' },
    ],
  });
  await ok('POST', `/api/journeys/${journey.id}/activate`);
  await ok('PATCH', `/api/journeys/${journey.id}`, { name: `${o.name} journey v2` });
  await ok('POST', `/f/${form.key}`, { name: '表单客户', phone: `${o.mobilePrefix}900`, city: 'Shanghai' });
  const runs = await ok('GET', `/api/journeys/${journey.id}/runs`);
  const runId: string = runs.items[0].id;

  const inboundJourney = await ok('POST', '/api/journeys', {
    name: `${o.name} inbound journey`,
    trigger: { type: 'inbound' },
    start: 'done',
    nodes: [{ id: 'done', type: 'end' }],
  });
  await ok('POST', `/api/journeys/${inboundJourney.id}/activate`);
  secrets.hmacSecret = `hms-${uniq('hm')}-secret`;
  secrets.tokenSecret = `tks-${uniq('tk')}-secret`;
  secrets.standardWebhooksSecret = `whsec_${Buffer.from(uniq('sw').padEnd(30, 'y')).toString('base64')}`;
  const trigger = await ok('POST', '/api/inbound-triggers', {
    name: `${o.name} hook`,
    journeyId: inboundJourney.id,
    methods: ['POST', 'GET', 'PUT', 'DELETE'],
    checks: {
      hmac: { secret: secrets.hmacSecret },
      token: { header: 'X-Shared', value: secrets.tokenSecret },
      standardWebhooks: { secret: secrets.standardWebhooksSecret },
    },
  });
  const openTrigger = await ok('POST', '/api/inbound-triggers', {
    name: `${o.name} open hook`,
    journeyId: inboundJourney.id,
    methods: ['POST', 'GET', 'PUT', 'DELETE'],
  });

  const draft = await ok('POST', '/api/journeys', {
    name: `${o.name} draft`,
    trigger: { type: 'inbound' },
    start: 'done',
    nodes: [{ id: 'done', type: 'end' }],
  });
  // A customer's one-click unsubscribe link, as a template renders it: its token fills /u/{token}.
  const linkPreview = await ok('POST', '/api/webhooks/preview', {
    url: `${o.receiverUrl}/crm`,
    bodyTemplate: { u: '{{ unsubscribe_url }}' },
    customerId: customerIds[customerIds.length - 1],
  });
  const unsubscribeToken = String((linkPreview.body as { u: string }).u).split('/u/')[1];
  const spare = await ok('POST', '/api/api-keys', { name: 'spare' });
  secrets.spareApiKey = spare.key;
  secrets.consolePassword = `cpw-${uniq('cp')}-password`;
  // The tenant's first user is its owner, whom a key may not remove: the world's user (what the fuzzer changes and deletes) is the second, an admin.
  secrets.ownerPassword = `opw-${uniq('op')}-password`;
  await ok('POST', '/api/console-users', { email: `${uniq('o')}@example.com`, password: secrets.ownerPassword, name: `${o.name} owner` });
  const consoleEmail = `${uniq('u')}@example.com`;
  const user = await ok('POST', '/api/console-users', { email: consoleEmail, password: secrets.consolePassword, name: `${o.name} user` });

  return {
    tenantId,
    key,
    secrets,
    ids: {
      '/api/customers': String(customerIds[0]),
      '/api/groups': String(group.id),
      '/api/webhooks': String(webhook.id),
      '/api/deliveries': deliveryId,
      '/api/broadcasts': String(broadcast.id),
      '/api/events': String(eventId),
      '/api/loyalty/levels': String(bronze.id),
      '/api/loyalty/memberships': String(membership.id),
      '/api/loyalty/coupons': String(coupon.id),
      '/api/loyalty/codes': couponCode,
      '/api/journeys': String(journey.id),
      '/api/journey-runs': runId,
      '/api/forms': String(form.id),
      '/api/inbound-triggers': String(trigger.id),
      '/api/api-keys': String(spare.id),
      '/api/console-users': String(user.id),
      '/f': form.key,
      '/hooks': openTrigger.key,
      '/u': unsubscribeToken,
      '/api/quiet-hours/webhooks': String(webhook.id),
      '/api/quiet-hours/journeys': String(journey.id),
    },
    opIds: {
      'DELETE /api/journeys/{id}': String(draft.id),
      'PATCH /api/broadcasts/{id}': String(scheduled.id),
      // The deletes run last, after DELETE /api/webhooks/{id} took the world's webhook: another one keeps its override.
      'DELETE /api/quiet-hours/webhooks/{id}': String(dead.id),
      'POST /api/deliveries/{id}/retry': String(failed.deliveryId ?? failed.id),
    },
    extra: {
      customerIds,
      dynamicGroupId: dynamic.id,
      eventWebhookId: eventHook.id,
      membershipIds: [membership.id, membership2.id],
      levelIds: [bronze.id, gold.id],
      couponCode,
      formKey: form.key,
      hookKey: openTrigger.key,
      checkedHookKey: trigger.key,
      checkedTriggerId: trigger.id,
      consoleEmail,
      consolePassword: secrets.consolePassword,
      spareApiKeyId: spare.id,
    },
  };
}
