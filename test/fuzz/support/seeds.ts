/**
 * A valid request for every operation: the fuzzer mutates one part of it at a time, so the other
 * parts pass and the mutation reaches the code behind the first check. Bodies come from the
 * OpenAPI schema (ids filled from the world); hand-written seeds cover what the document cannot
 * describe (a free JSON template, a journey graph, a group rule, form fields, inbound responses).
 * `slots` are where rule, template, search and name strings go (every SQL-like and template-like
 * string is tried there).
 */
import type { Operation, Schema } from './openapi';
import type { Path } from './hostile';
import type { World } from './world';

export interface Seed {
  body?: unknown;
  /** Query parameters of a valid request. */
  query?: Record<string, string>;
  slots?: Path[];
  /** Sent as form-encoded instead of JSON (the micro-page's own encoding). */
  form?: boolean;
}

let counter = 0;
const unique = (tag: string) => `${tag}${process.pid}${Date.now().toString(36)}${(counter++).toString(36)}`;

/** Value for a property named like an id: one of the world's. */
function idFor(name: string, w: World): unknown {
  const n = (k: string) => Number(w.ids[k]);
  switch (name) {
    case 'customerId': return w.extra.customerIds[2];
    case 'customerIds': return [w.extra.customerIds[1]];
    case 'groupId': return n('/api/groups');
    case 'webhookId': return n('/api/webhooks');
    case 'webhookIds': return [n('/api/webhooks')];
    case 'levelId': return w.extra.levelIds[1];
    case 'membershipId': return w.extra.membershipIds[1];
    case 'membershipIds': return [w.extra.membershipIds[1]];
    case 'journeyId': return n('/api/journeys');
    case 'formId': return n('/api/forms');
    default: return undefined;
  }
}

/** A minimal valid value for a schema (required properties only). */
export function fromSchema(schema: Schema | undefined, w: World, name = ''): unknown {
  if (!schema) return undefined;
  const id = idFor(name, w);
  if (id !== undefined) return id;
  if (schema.enum?.length) return schema.enum[0];
  switch (schema.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of schema.required ?? []) out[key] = fromSchema(schema.properties?.[key], w, key);
      return out;
    }
    case 'array': return [fromSchema(schema.items, w, name)];
    case 'number': case 'integer': return Math.max(schema.minimum ?? 1, Math.min(schema.maximum ?? 1, 1));
    case 'boolean': return true;
    case 'string': return schema.format === 'email' ? `${unique('s')}@example.com` : `fuzz ${name}`.trim();
    default: return {};
  }
}

const rule = (value: unknown) => ({ and: [{ field: 'attributes.city', op: '=', value }, { or: [{ field: 'name', op: 'contains', value: 'x' }, { field: 'activityScore', op: '>=', value: 1 }] }] });

export function seedFor(op: Operation, w: World, receiverUrl: string): Seed {
  const id = (k: string) => Number(w.ids[k]);
  const c = w.extra.customerIds;
  switch (op.id) {
    case 'POST /api/tenants': return { body: { name: 'fuzz tenant' }, slots: [['name']] };
    case 'POST /api/customers': return { body: { name: 'Fuzz 客户', attributes: { city: 'Shanghai', tags: ['a'] } }, slots: [['name'], ['attributes', 'city']] };
    case 'PATCH /api/customers/{id}': return { body: { name: 'Fuzz 改名', wechatNickname: 'nick', attributes: { city: 'Beijing' } }, slots: [['name'], ['wechatNickname'], ['attributes', 'city']] };
    case 'POST /api/customers/import': return { body: [{ name: 'Imported', mobile: '13900000001', attributes: { city: 'x' } }], slots: [[0, 'name'], [0, 'attributes', 'city']] };
    case 'POST /api/groups': return { body: { name: 'fuzz group', type: 'dynamic', rule: rule('Shanghai') }, slots: [['name'], ['rule', 'and', 0, 'value'], ['rule', 'and', 0, 'field'], ['rule', 'and', 1, 'or', 0, 'value']] };
    case 'POST /api/groups/preview-count': return { body: { rule: rule('Shanghai') }, slots: [['rule', 'and', 0, 'value'], ['rule', 'and', 0, 'field'], ['rule', 'and', 1, 'or', 0, 'value']] };
    case 'PATCH /api/groups/{id}': return { body: { name: 'fuzz renamed', description: 'd' }, slots: [['name'], ['description']] };
    case 'POST /api/webhooks': return {
      body: { name: 'fuzz hook', url: `${receiverUrl}/fuzz`, headers: { 'X-Fuzz': 'v' }, bodyTemplate: { text: '{{ customer.name }}', n: '{{ customer.activityScore }}' }, secret: 'fuzz-secret-0123', maxAttempts: 1 },
      slots: [['name'], ['bodyTemplate', 'text'], ['headers', 'X-Fuzz'], ['url']],
    };
    case 'PATCH /api/webhooks/{id}': return { body: { name: 'fuzz hook renamed', bodyTemplate: { text: '{{ customer.name }}' } }, slots: [['name'], ['bodyTemplate', 'text']] };
    case 'POST /api/webhooks/{id}/rotate-secret': return { body: { secret: 'fuzz-rotated-secret', graceSeconds: 60 } };
    case 'POST /api/webhooks/{id}/preview': return { body: { customerId: c[0], bodyTemplate: { text: '{{ customer.name }}', deep: ['{{ message.id }}'] } }, slots: [['bodyTemplate', 'text'], ['bodyTemplate', 'deep', 0]] };
    case 'POST /api/webhooks/{id}/test': return { body: { customerId: c[0] } };
    case 'POST /api/events': return {
      body: { tenantId: w.tenantId, event: 'loyalty/membership_level_up', membershipId: String(w.extra.membershipIds[0]), date: '2026-11-23T10:00:00.000Z', oldLevelId: w.extra.levelIds[0], newLevelId: w.extra.levelIds[1], oldLevel: '银卡', newLevel: '金卡' },
      slots: [['membershipId'], ['oldLevel'], ['newLevel']],
    };
    case 'POST /api/loyalty/levels': return { body: { name: 'fuzz level', rank: 5 }, slots: [['name']] };
    case 'POST /api/loyalty/memberships': return { body: { customerId: c[2], levelId: w.extra.levelIds[0] } };
    case 'PATCH /api/loyalty/memberships/{id}': return { body: { levelId: w.extra.levelIds[1], points: 10 } };
    case 'POST /api/loyalty/coupons': return { body: { name: 'fuzz coupon', startDate: '2020-01-01T00:00:00Z', endDate: '2099-01-01T00:00:00Z', stock: 100 }, slots: [['name']] };
    // The first membership holds the coupon already (dispatch skips it): the second is left for draw.
    case 'POST /api/loyalty/coupons/{id}/dispatch': return { body: { membershipIds: [w.extra.membershipIds[0]] } };
    case 'POST /api/loyalty/coupons/{id}/draw': return { body: { membershipId: w.extra.membershipIds[1] } };
    case 'POST /api/journeys': return { body: journey(w, 'form'), slots: journeySlots };
    case 'POST /api/journeys/validate': return { body: journey(w, 'threshold'), slots: [...journeySlots, ['trigger', 'value'], ['trigger', 'field']] };
    case 'PATCH /api/journeys/{id}': return { body: { name: 'fuzz journey renamed', nodes: journey(w, 'form').nodes, start: 'wait' }, slots: [['name'], ...journeySlots] };
    case 'POST /api/inbound-triggers': case 'PATCH /api/inbound-triggers/{id}': return {
      body: {
        name: 'fuzz trigger', methods: ['POST'], mode: 'sync', syncTimeoutMs: 1000, customerMatch: { mobile: 'data.phone' },
        response: { status: 200, headers: { 'X-Echo': '{{ inbound.data.x }}' }, body: { echo: '{{ inbound.data.x }}', run: '{{ journey.runId }}' } },
        checks: { token: { header: 'X-Fuzz-Token', value: 'fuzz-token-0123456789' }, ipAllowlist: ['127.0.0.1/32', '::1'] },
      },
      slots: [['name'], ['response', 'body', 'echo'], ['response', 'headers', 'X-Echo']],
    };
    case 'POST /api/inbound-triggers/{id}/rotate-secret': return { body: { check: 'token', secret: 'fuzz-rotated-token-0123' } };
    case 'POST /api/forms': case 'PATCH /api/forms/{id}': return {
      body: {
        name: 'fuzz form', title: '标题', thankYouText: '谢谢', webhookIds: [id('/api/webhooks')],
        fields: [
          { name: 'name', label: '姓名', type: 'text', maps: 'name' },
          { name: 'phone', label: '手机', type: 'tel', maps: 'mobile' },
          { name: 'city', label: '城市', type: 'select', options: [{ value: 'sh', label: '上海' }], maps: 'attributes.city' },
        ],
      },
      slots: [['name'], ['title'], ['thankYouText'], ['fields', 0, 'label'], ['fields', 2, 'options', 0, 'value']],
    };
    case 'POST /f/{key}': return { body: { name: 'Fuzz 访客', phone: '13911112222', city: 'Shanghai' }, slots: [['name'], ['city'], ['phone']], form: true };
    case 'POST /hooks/{key}': case 'PUT /hooks/{key}': return { body: { x: 'hello', phone: '13922223333', nested: { a: [1, 2] } }, slots: [['x'], ['phone']] };
    case 'DELETE /hooks/{key}': case 'GET /hooks/{key}': return { query: { x: 'hello' } };
    case 'POST /api/auth/login': return { body: { email: w.extra.consoleEmail, password: w.extra.consolePassword }, slots: [['email']] };
    case 'POST /api/console-users': return { body: { email: `${unique('u')}@example.com`, password: 'fuzz-password-1', name: 'Fuzz user' } }; // no slots: each valid one costs a bcrypt hash (names are fuzzed elsewhere)
    case 'POST /api/broadcasts': return { body: { webhookId: id('/api/webhooks'), groupId: id('/api/groups'), scheduledAt: '2099-01-01T00:00:00Z', name: 'fuzz send' }, slots: [['name']] };
    case 'PATCH /api/broadcasts/{id}': return { body: { scheduledAt: '2099-06-01T00:00:00Z', name: 'fuzz renamed' }, slots: [['name']] };
    case 'GET /api/customers': return { query: { q: 'Fuzz' } };
    default: return { body: op.body ? fromSchema(op.body, w) : undefined };
  }
}

const journeySlots: Path[] = [['name'], ['nodes', 1, 'rule', 'value'], ['nodes', 1, 'rule', 'field'], ['nodes', 3, 'set', 'attributes.note'], ['nodes', 3, 'set', 'name']];

function journey(w: World, trigger: 'form' | 'threshold') {
  return {
    name: 'fuzz journey', reentry: 'once',
    trigger: trigger === 'form' ? { type: 'form_submitted', formId: Number(w.ids['/api/forms']) } : { type: 'attribute_threshold', field: 'activityScore', op: '>=', value: 500 },
    start: 'wait',
    nodes: [
      { id: 'wait', type: 'wait', seconds: 600, next: 'city' },
      { id: 'city', type: 'condition', rule: { field: 'customer.attributes.city', op: '=', value: 'Shanghai' }, then: 'crm', else: 'done' },
      { id: 'crm', type: 'webhook', webhookId: Number(w.ids['/api/webhooks']), onFailure: 'continue', next: 'mark' },
      { id: 'mark', type: 'update_customer', set: { 'attributes.note': '{{ customer.name }}', name: 'x' }, activityDelta: 10, addToGroupId: Number(w.ids['/api/groups']), next: 'done' },
      { id: 'done', type: 'end', label: 'fin', position: { x: 1, y: 2 } },
    ],
  };
}
