/**
 * A valid request for every operation: the fuzzer mutates one part of it at a time, so the other
 * parts pass and the mutation reaches the code behind the first check.
 *
 * Bodies are generated from the operation's request schema in the document (schema-seed.ts), ids
 * filled from the world. The hand-written bodies below are the shape to follow (which optional
 * parts to send, which `oneOf` branch, how many items) and the fallback where the document has no
 * schema (or its seed is refused: the fuzzer then says so and uses the hand seed). `take` lists
 * the parts no schema can produce, each with why. `slots` are where rule, template, search and
 * name strings go (every SQL-like and template-like string is tried there).
 */
import type { Operation } from './openapi';
import type { Path } from './hostile';
import { generate, isUndescribed, deref } from './schema-seed';
import type { World } from './world';

export interface Seed {
  body?: unknown;
  /** Query parameters of a valid request. */
  query?: Record<string, string>;
  slots?: Path[];
  /** Sent as form-encoded instead of JSON (the micro-page's own encoding). */
  form?: boolean;
  /** Where the body came from: `schema`, `schema + hand: <parts>` or `hand: <why>`. */
  source: string;
  /** The hand-written seed, for when the document's seed is refused. */
  fallback?: Seed;
}

/** A hand-written seed: the shape for the generator, and the fallback. */
interface Hand {
  body?: unknown;
  query?: Record<string, string>;
  slots?: Path[];
  form?: boolean;
  /** Parts taken from the hand body as they are, by pattern (`fields[].name`): values the document cannot know. */
  take?: string[];
}

let counter = 0;
const unique = (tag: string) => `${tag}${process.pid}${Date.now().toString(36)}${(counter++).toString(36)}`;

/** Value for a property named like an id: one of the world's. */
function idFor(name: string, w: World): unknown {
  const n = (k: string) => Number(w.ids[k]);
  switch (name) {
    case 'tenantId':
      return w.tenantId;
    case 'customerId':
      return w.extra.customerIds[2];
    case 'customerIds':
      return [w.extra.customerIds[1]];
    case 'groupId':
      return n('/api/groups');
    case 'webhookId':
      return n('/api/webhooks');
    case 'webhookIds':
      return [n('/api/webhooks')];
    case 'levelId':
      return w.extra.levelIds[1];
    case 'membershipId':
      return w.extra.membershipIds[1];
    case 'membershipIds':
      return [w.extra.membershipIds[1]];
    case 'journeyId':
      return n('/api/journeys');
    case 'formId':
      return n('/api/forms');
    default:
      return undefined;
  }
}

/**
 * The seed of an operation: generated from its request schema, steered by its hand seed; the hand
 * seed itself where the document has no schema for the body.
 */
export function seedFor(op: Operation, w: World, receiverUrl: string): Seed {
  const hand = handSeed(op, w, receiverUrl);
  const { take, ...handRest } = hand;
  const fallback: Seed = { ...handRest, source: 'hand' };
  const components = op.components ?? {};
  const root = deref(components, op.bodySchema);
  if (!op.bodySchema || !root || isUndescribed(root)) {
    return { ...fallback, source: hand.body === undefined ? 'no body' : 'hand: the document has no schema for the body' };
  }
  const g = generate(components, op.bodySchema, {
    hand: hand.body,
    take,
    // Ids come from the world (a property that holds a number or a list of them).
    valueFor: (path, name, schema) => {
      const id = idFor(name, w);
      if (id === undefined) return undefined;
      const isList = schema.type === 'array';
      return isList === Array.isArray(id) ? id : undefined;
    },
  });
  const missing = [...g.undescribed];
  const slots = (hand.slots ?? []).filter((slot) => has(g.value, slot));
  const parts = g.handParts.length ? ` + hand: ${g.handParts.join(', ')}` : '';
  const seed: Seed = {
    body: g.value,
    query: hand.query,
    form: hand.form,
    slots,
    source: `schema${parts}${missing.length ? ` (undescribed: ${missing.join(', ')})` : ''}`,
    ...(hand.body !== undefined ? { fallback: { ...fallback, source: "hand (the schema's seed was refused)" } } : {}),
  };
  return seed;
}

const has = (value: unknown, path: Path): boolean => {
  let node = value;
  for (const k of path) {
    if (node === null || typeof node !== 'object' || !(k in (node as object))) return false;
    node = (node as Record<string | number, unknown>)[k];
  }
  return true;
};

/** A rule's field names a customer field or attribute; its value then suits that field (the schema says a scalar). */
const ruleTake = ['rule.field', 'rule.and[].field', 'rule.and[].or[].field', 'rule.and[].and[].field'];
const rule = (value: unknown) => ({
  and: [
    { field: 'attributes.city', op: '=', value },
    {
      or: [
        { field: 'name', op: 'contains', value: 'x' },
        { field: 'activityScore', op: '>=', value: 1 },
      ],
    },
  ],
});

/** The hand-written seeds (see the file comment for what they are now). */
function handSeed(op: Operation, w: World, receiverUrl: string): Hand {
  const id = (k: string) => Number(w.ids[k]);
  const c = w.extra.customerIds;
  switch (op.id) {
    case 'POST /api/tenants':
      return { body: { name: 'fuzz tenant' }, slots: [['name']] };
    case 'POST /api/customers':
      return { body: { name: 'Fuzz 客户', attributes: { city: 'Shanghai', tags: ['a'] } }, slots: [['name'], ['attributes', 'city']] };
    case 'PATCH /api/customers/{id}':
      return {
        body: { name: 'Fuzz 改名', wechatNickname: 'nick', attributes: { city: 'Beijing' } },
        slots: [['name'], ['wechatNickname'], ['attributes', 'city']],
      };
    case 'POST /api/customers/import':
      return {
        body: [{ name: 'Imported', mobile: '13900000001', attributes: { city: 'x' } }],
        slots: [
          [0, 'name'],
          [0, 'attributes', 'city'],
        ],
      };
    case 'POST /api/groups':
      return {
        body: { name: 'fuzz group', type: 'dynamic', rule: rule('Shanghai') },
        slots: [['name'], ['rule', 'and', 0, 'value'], ['rule', 'and', 0, 'field'], ['rule', 'and', 1, 'or', 0, 'value']],
        take: ruleTake,
      };
    case 'POST /api/groups/preview-count':
      return {
        body: { rule: rule('Shanghai') },
        slots: [
          ['rule', 'and', 0, 'value'],
          ['rule', 'and', 0, 'field'],
          ['rule', 'and', 1, 'or', 0, 'value'],
        ],
        take: ruleTake,
      };
    case 'PATCH /api/groups/{id}':
      return { body: { name: 'fuzz renamed', description: 'd' }, slots: [['name'], ['description']] };
    case 'POST /api/webhooks':
      return {
        body: {
          name: 'fuzz hook',
          url: `${receiverUrl}/fuzz`,
          headers: { 'X-Fuzz': 'v' },
          bodyTemplate: { text: '{{ customer.name }}', n: '{{ customer.activityScore }}' },
          secret: 'fuzz-secret-0123',
          maxAttempts: 1,
        },
        slots: [['name'], ['bodyTemplate', 'text'], ['headers', 'X-Fuzz'], ['url']],
        take: ['url'], // the local receiver: the second round sends to it
      };
    case 'PATCH /api/webhooks/{id}':
      return { body: { name: 'fuzz hook renamed', bodyTemplate: { text: '{{ customer.name }}' } }, slots: [['name'], ['bodyTemplate', 'text']] };
    case 'POST /api/webhooks/{id}/rotate-secret':
      return { body: { secret: 'fuzz-rotated-secret', graceSeconds: 60 } };
    case 'POST /api/webhooks/{id}/preview':
      return {
        body: { customerId: c[0], bodyTemplate: { text: '{{ customer.name }}', deep: ['{{ message.id }}'] } },
        slots: [
          ['bodyTemplate', 'text'],
          ['bodyTemplate', 'deep', 0],
        ],
      };
    case 'POST /api/webhooks/preview':
      return {
        body: { url: `${receiverUrl}/fuzz`, customerId: c[0], bodyTemplate: { text: '{{ customer.name }}' } },
        slots: [['bodyTemplate', 'text'], ['url']],
      };
    case 'POST /api/webhooks/{id}/test':
      return { body: { customerId: c[0] } };
    case 'POST /api/events':
      return {
        body: {
          tenantId: w.tenantId,
          event: 'loyalty/membership_level_up',
          membershipId: String(w.extra.membershipIds[0]),
          date: '2026-11-23T10:00:00.000Z',
          oldLevelId: w.extra.levelIds[0],
          newLevelId: w.extra.levelIds[1],
          oldLevel: '银卡',
          newLevel: '金卡',
        },
        slots: [['membershipId'], ['oldLevel'], ['newLevel']],
        take: ['membershipId', 'oldLevelId', 'newLevelId'], // the world's membership and levels (the membership id is a string)
      };
    case 'POST /api/loyalty/levels':
      return { body: { name: 'fuzz level', rank: 5 }, slots: [['name']], take: ['rank'] }; // unique in the tenant (the world holds 1 and 2)
    case 'POST /api/loyalty/memberships':
      return { body: { customerId: c[2], levelId: w.extra.levelIds[0] } };
    case 'PATCH /api/loyalty/memberships/{id}':
      return { body: { levelId: w.extra.levelIds[1], points: 10 } };
    case 'POST /api/loyalty/coupons':
      return {
        body: { name: 'fuzz coupon', startDate: '2020-01-01T00:00:00Z', endDate: '2099-01-01T00:00:00Z', stock: 100 },
        slots: [['name']],
        take: ['endDate'],
      }; // after startDate
    // The first membership holds the coupon already (dispatch skips it): the second is left for draw.
    case 'POST /api/loyalty/coupons/{id}/dispatch':
      return { body: { membershipIds: [w.extra.membershipIds[0]] }, take: ['membershipIds'] };
    case 'POST /api/loyalty/coupons/{id}/draw':
      return { body: { membershipId: w.extra.membershipIds[1] } };
    case 'POST /api/journeys':
      return { body: journey(w, 'form'), slots: journeySlots, take: journeyTake };
    case 'POST /api/journeys/validate':
      return { body: journey(w, 'threshold'), slots: [...journeySlots, ['trigger', 'value'], ['trigger', 'field']], take: [...journeyTake, 'trigger.field'] };
    case 'PATCH /api/journeys/{id}':
      return { body: { name: 'fuzz journey renamed', nodes: journey(w, 'form').nodes, start: 'wait' }, slots: [['name'], ...journeySlots], take: journeyTake };
    case 'POST /api/inbound-triggers':
    case 'PATCH /api/inbound-triggers/{id}':
      return {
        body: {
          name: 'fuzz trigger',
          methods: ['POST'],
          mode: 'sync',
          syncTimeoutMs: 1000,
          customerMatch: { mobile: 'data.phone' },
          response: { status: 200, headers: { 'X-Echo': '{{ inbound.data.x }}' }, body: { echo: '{{ inbound.data.x }}', run: '{{ journey.runId }}' } },
          checks: { token: { header: 'X-Fuzz-Token', value: 'fuzz-token-0123456789' }, ipAllowlist: ['127.0.0.1/32', '::1'] },
        },
        slots: [['name'], ['response', 'body', 'echo'], ['response', 'headers', 'X-Echo']],
        // A path into the inbound data; the token the second round calls with; an allowlist that admits the fuzzer.
        take: ['customerMatch.mobile', 'checks.token', 'checks.ipAllowlist'],
      };
    case 'POST /api/inbound-triggers/{id}/rotate-secret':
      return { body: { check: 'token', secret: 'fuzz-rotated-token-0123' } };
    case 'POST /api/forms':
    case 'PATCH /api/forms/{id}':
      return {
        body: {
          name: 'fuzz form',
          title: '标题',
          thankYouText: '谢谢',
          webhookIds: [id('/api/webhooks')],
          fields: [
            { name: 'name', label: '姓名', type: 'text', maps: 'name' },
            { name: 'phone', label: '手机', type: 'tel', maps: 'mobile' },
            { name: 'city', label: '城市', type: 'select', options: [{ value: 'sh', label: '上海' }], maps: 'attributes.city' },
          ],
        },
        slots: [['name'], ['title'], ['thankYouText'], ['fields', 0, 'label'], ['fields', 2, 'options', 0, 'value']],
        take: ['fields[].name', 'fields[].maps'], // names unique in the form; a customer field that suits the field's type
      };
    // The world's form's fields: each value must suit its field (a tel field takes a mobile number).
    case 'POST /f/{key}':
      return { body: { name: 'Fuzz 访客', phone: '13911112222', city: 'Shanghai' }, slots: [['name'], ['city'], ['phone']], form: true, take: ['phone'] };
    case 'POST /hooks/{key}':
    case 'PUT /hooks/{key}':
      return { body: { x: 'hello', phone: '13922223333', nested: { a: [1, 2] } }, slots: [['x'], ['phone']] };
    case 'DELETE /hooks/{key}':
    case 'GET /hooks/{key}':
      return { query: { x: 'hello' } };
    case 'POST /api/auth/login':
      return { body: { email: w.extra.consoleEmail, password: w.extra.consolePassword }, slots: [['email']], take: ['email', 'password'] }; // the world's console user
    case 'POST /api/console-users':
      return { body: { email: `${unique('u')}@example.com`, password: 'fuzz-password-1', name: 'Fuzz user' } }; // no slots: each valid one costs a bcrypt hash (names are fuzzed elsewhere)
    case 'PATCH /api/console-users/{id}':
      // A name (every part is optional, so the schema's seed is empty, and an empty body in any content type is no body); not a role: the world's user is its last owner.
      return { body: { name: 'Fuzz user renamed' }, slots: [['name']] };
    case 'POST /api/broadcasts':
      return {
        body: { webhookId: id('/api/webhooks'), groupId: id('/api/groups'), scheduledAt: '2099-01-01T00:00:00Z', name: 'fuzz send' },
        slots: [['name']],
      };
    case 'PATCH /api/broadcasts/{id}':
      return { body: { scheduledAt: '2099-06-01T00:00:00Z', name: 'fuzz renamed' }, slots: [['name']] };
    case 'GET /api/customers':
      return { query: { q: 'Fuzz' } };
    // Quiet hours: a real zone and HH:mm times; off, or a window open all day, so the world's sends are not held.
    case 'PUT /api/quiet-hours':
      return { body: { enabled: false, timeZone: 'Asia/Shanghai', windows: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '21:00' }] } };
    case 'PUT /api/quiet-hours/webhooks/{id}':
    case 'PUT /api/quiet-hours/journeys/{id}':
      return { body: { mode: 'custom', windows: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00' }] } };
    default:
      return {};
  }
}

/**
 * A journey is a graph: the start and every link name another node, so they come from the hand
 * seed, as do a condition's field (a customer field) and a group to add to (the world's); the rest
 * of each node is generated from its `type`'s branch.
 */
const journeyTake = ['start', 'nodes[].id', 'nodes[].next', 'nodes[].then', 'nodes[].else', 'nodes[].rule.field', 'nodes[].addToGroupId'];

const journeySlots: Path[] = [
  ['name'],
  ['nodes', 1, 'rule', 'value'],
  ['nodes', 1, 'rule', 'field'],
  ['nodes', 3, 'set', 'attributes.note'],
  ['nodes', 3, 'set', 'name'],
];

function journey(w: World, trigger: 'form' | 'threshold') {
  return {
    name: 'fuzz journey',
    reentry: 'once',
    trigger:
      trigger === 'form'
        ? { type: 'form_submitted', formId: Number(w.ids['/api/forms']) }
        : { type: 'attribute_threshold', field: 'activityScore', op: '>=', value: 500 },
    start: 'wait',
    nodes: [
      { id: 'wait', type: 'wait', seconds: 600, next: 'city' },
      { id: 'city', type: 'condition', rule: { field: 'customer.attributes.city', op: '=', value: 'Shanghai' }, then: 'crm', else: 'done' },
      { id: 'crm', type: 'webhook', webhookId: Number(w.ids['/api/webhooks']), onFailure: 'continue', next: 'mark' },
      {
        id: 'mark',
        type: 'update_customer',
        set: { 'attributes.note': '{{ customer.name }}', name: 'x' },
        activityDelta: 10,
        addToGroupId: Number(w.ids['/api/groups']),
        next: 'done',
      },
      { id: 'done', type: 'end', label: 'fin', position: { x: 1, y: 2 } },
    ],
  };
}
