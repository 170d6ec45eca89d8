/// <reference types="jest" />
import type { MessageKey } from '../../../../i18n';
import { en } from '../../../../i18n/en';
import { zh } from '../../../../i18n/zh';
import { fmtTime } from '../../../../lib/format';
import type { JourneyNode } from '../../../../lib/models';
import { firstCondition, renameRuleFields } from './condition';
import { NODE_TYPES, NODES } from './index';
import { fieldStatus, type Names, type T } from './kind';
import { toRows, toSet } from './update_customer';
import { duration } from './wait';
import { evenPercents } from './split';

/** The console's `t` in English, as i18n.tsx fills `{name}` placeholders. */
const t: T = (key, vars) => Object.entries(vars ?? {}).reduce((s, [k, v]) => s.replaceAll(`{${k}}`, String(v)), en[key] ?? key);
const names: Names = {
  webhooks: new Map([[1, 'CRM 同步']]),
  groups: new Map([
    [5, 'VIP'],
    [6, '沉睡'],
  ]),
};
const node = (n: Omit<JourneyNode, 'id'>): JourneyNode => ({ id: 'n', ...n });
const summary = (n: Omit<JourneyNode, 'id'>) => NODES[n.type].describe(t, node(n), names);

describe('journey node registry', () => {
  it('lists the palette in its order', () => {
    expect(NODE_TYPES).toEqual(['webhook', 'wait', 'condition', 'split', 'update_customer', 'end']);
  });

  it.each(NODE_TYPES)('%s: named in both languages, coloured, with distinct links and side-panel fields', (type) => {
    const kind = NODES[type];
    expect(kind.label).toBe(`journey.node.${type}`);
    const keys: MessageKey[] = [kind.label, ...kind.links.flatMap((l) => (l.label ? [l.label] : []))];
    for (const key of keys) {
      expect(zh[key]).toBeTruthy();
      expect(en[key]).toBeTruthy();
    }
    expect(kind.color).toMatch(/^#[0-9a-f]{6}$/);
    for (const l of kind.links) expect(l.color).toMatch(/^#[0-9a-f]{6}$/);
    expect(new Set(kind.links.map((l) => l.key)).size).toBe(kind.links.length);
    expect(typeof kind.Fields).toBe('function');
    expect(kind.icon).toBeTruthy();
  });

  it.each(NODE_TYPES)('%s: a new node’s settings are fresh each time and name no id, type or position', (type) => {
    const a = NODES[type].create();
    expect(NODES[type].create()).toEqual(a);
    expect(NODES[type].create()).not.toBe(a);
    expect(a).not.toHaveProperty('id');
    expect(a).not.toHaveProperty('type');
    expect(a).not.toHaveProperty('position');
  });

  it('a split: A 50 / B 50 to start, one handle per branch named by its label and share, counted per branch', () => {
    expect(NODES.split.create()).toEqual({
      branches: [
        { label: 'A', percent: 50 },
        { label: 'B', percent: 50 },
      ],
    });
    const ab = node({
      type: 'split',
      branches: [
        { label: '对照组', percent: 10, next: 'x' },
        { label: '方案A', percent: 90, next: 'y' },
      ],
    });
    expect(summary(ab)).toBe('2 groups by share');
    const links = NODES.split.dynamicLinks!.of(ab);
    expect(links.map((l) => [l.key, l.text, l.percent])).toEqual([
      ['b0', '对照组', 10],
      ['b1', '方案A', 90],
    ]);
    expect(links[1].count!({ then: 0, else: 0, branches: [3, 7] })).toBe(7);
    expect(links[1].count!({ then: 0, else: 0, branches: [] })).toBe(0);
    expect(NODES.split.dynamicLinks!.get(ab, 'b1')).toBe('y');
    expect(NODES.split.dynamicLinks!.set(ab, 'b0', undefined).branches).toEqual([
      { label: '对照组', percent: 10 },
      { label: '方案A', percent: 90, next: 'y' },
    ]);
    expect(NODES.split.dynamicLinks!.set(ab, 'b9', 'z')).toBe(ab);
  });

  it('splits evenly in whole percents, the remainder to the first branches', () => {
    expect([2, 3, 4, 5].map(evenPercents)).toEqual([
      [50, 50],
      [34, 33, 33],
      [25, 25, 25, 25],
      [20, 20, 20, 20, 20],
    ]);
  });

  it('only branches are labelled: a condition’s 是 and 否', () => {
    expect(NODE_TYPES.filter((type) => NODES[type].links.some((l) => l.label))).toEqual(['condition']);
    expect(NODES.condition.links.map((l) => [l.key, l.label])).toEqual([
      ['then', 'journey.edge.then'],
      ['else', 'journey.edge.else'],
    ]);
  });

  describe('webhook', () => {
    it('starts by stopping the run on a failed message', () => {
      expect(NODES.webhook.create()).toEqual({ onFailure: 'stop' });
    });

    it('is described by its webhook’s name, its id when the name is unknown, or what is missing', () => {
      expect(summary({ type: 'webhook', webhookId: 1 })).toBe('CRM 同步');
      expect(summary({ type: 'webhook', webhookId: 9 })).toBe('#9');
      expect(summary({ type: 'webhook' })).toBe('No webhook picked');
    });
  });

  describe('wait', () => {
    it('starts at an hour', () => {
      expect(NODES.wait.create()).toEqual({ seconds: 3600 });
    });

    it('says a duration in the largest unit that divides it', () => {
      expect(duration(t, 172800)).toBe('2 days');
      expect(duration(t, 7200)).toBe('2 hours');
      expect(duration(t, 5400)).toBe('90 minutes');
      expect(duration(t, 90)).toBe('90 seconds');
    });

    it('is described by its duration or its moment (local time)', () => {
      expect(summary({ type: 'wait', seconds: 86400 })).toBe('Wait 1 days');
      const until = '2026-03-01T08:00:00.000Z';
      expect(summary({ type: 'wait', until })).toBe(`Until ${fmtTime(until)}`);
      expect(summary({ type: 'wait' })).toBe('');
    });
  });

  describe('condition', () => {
    const c = (field: string, value: number) => ({ field, op: '>=' as const, value });

    it('starts with an activity rule in an all-of group', () => {
      expect(NODES.condition.create()).toEqual({ rule: { and: [c('customer.activityScore', 500)] } });
    });

    it('is described by its first condition and how many more there are', () => {
      expect(firstCondition({ and: [{ or: [c('a', 1), c('b', 2)] }, c('d', 3)] })).toEqual({ text: 'a >= 1', more: 2 });
      expect(summary({ type: 'condition', rule: { and: [{ or: [c('a', 1), c('b', 2)] }, c('d', 3)] } })).toBe('a >= 1 +2');
      expect(summary({ type: 'condition', rule: c('customer.activityScore', 500) })).toBe('customer.activityScore >= 500');
      expect(summary({ type: 'condition', rule: { field: 'trigger.plan', op: '=', value: 'gold' } })).toBe('trigger.plan = "gold"');
      expect(summary({ type: 'condition', rule: { and: [] } })).toBe('');
      expect(summary({ type: 'condition' })).toBe('');
    });

    it('follows a renamed webhook node in the fields it reads, and only there', () => {
      const rule = { and: [c('nodes.crm.response.status', 200), { or: [c('nodes.crm.x', 1), c('nodes.crm2.x', 1), c('crm.x', 1)] }] };
      expect(renameRuleFields(rule, 'crm', 'sync')).toEqual({
        and: [c('nodes.sync.response.status', 200), { or: [c('nodes.sync.x', 1), c('nodes.crm2.x', 1), c('crm.x', 1)] }],
      });
      const n = node({ type: 'condition', then: 'a', rule });
      expect(NODES.condition.renameRefs!(n, 'crm', 'sync')).toEqual({ ...n, rule: renameRuleFields(rule, 'crm', 'sync') });
      expect(n.rule).toBe(rule);
    });

    it('is the only type whose settings name other nodes', () => {
      expect(NODE_TYPES.filter((type) => NODES[type].renameRefs)).toEqual(['condition']);
    });
  });

  describe('update_customer', () => {
    it('is described by what it changes, with group names', () => {
      expect(
        summary({ type: 'update_customer', set: { name: 'x', 'attributes.crmId': '{{ id }}' }, activityDelta: 10, addToGroupId: 5, removeFromGroupId: 7 }),
      ).toBe('name, attributes.crmId, activity +10, +VIP, −#7');
      expect(summary({ type: 'update_customer', activityDelta: -5, removeFromGroupId: 6 })).toBe('activity -5, −沉睡');
      expect(summary({ type: 'update_customer' })).toBe('');
    });

    it('edits its fields as rows of text and saves only filled ones', () => {
      expect(toRows({ name: 'Li', 'attributes.age': 30, email: null })).toEqual([
        { field: 'name', value: 'Li' },
        { field: 'attributes.age', value: '30' },
        { field: 'email', value: '' },
      ]);
      expect(toRows(undefined)).toEqual([]);
      expect(
        toSet([
          { field: 'name', value: 'Li' },
          { field: '', value: 'lost' },
          { field: 'attributes.', value: 'half-typed' },
          { field: 'attributes.k', value: '' },
        ]),
      ).toEqual({ name: 'Li', 'attributes.k': '' });
      expect(toSet([{ field: 'attributes.', value: 'x' }])).toBeUndefined();
    });
  });

  describe('end', () => {
    it('has no links and nothing to describe', () => {
      expect(NODES.end.links).toEqual([]);
      expect(summary({ type: 'end' })).toBe('');
    });
  });

  it('shows the API’s messages for a path and the paths inside it on the field', () => {
    const errors = { webhookId: ['required'], 'rule.and[0].field': ['unknown'], 'rule.and[1].op': ['bad op'], ruler: ['other'] };
    expect(fieldStatus(errors, 'webhookId')).toEqual({ validateStatus: 'error', help: 'required' });
    expect(fieldStatus(errors, 'rule')).toEqual({ validateStatus: 'error', help: 'unknown; bad op' });
    expect(fieldStatus(errors, 'rule.and[0]', 'rule.and[1]')).toEqual({ validateStatus: 'error', help: 'unknown; bad op' });
    expect(fieldStatus(errors, 'seconds')).toEqual({});
  });
});
