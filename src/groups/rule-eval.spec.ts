import { evaluateRule, FieldValue, readPath } from './rule-eval';
import { customerFieldKind, Rule } from './segment-rule';

const customer = {
  id: 7,
  name: 'Zoë Chen',
  email: null,
  mobile: '13900000001',
  activityScore: 520,
  createdAt: new Date('2026-01-02T00:00:00Z'),
  attributes: { city: 'Shanghai', age: 30, ageText: '30', vip: true, tags: ['vip', 'new'], profile: { level: 3 }, list: [{ a: 1 }] },
};

function read(field: string): FieldValue {
  const kind = customerFieldKind(field)!;
  if (kind === 'attribute') return { kind, value: readPath(customer.attributes, field.split('.').slice(1), false) };
  return { kind, value: (customer as Record<string, unknown>)[field] };
}

const matches = (rule: Rule) => evaluateRule(rule, read);

describe('evaluateRule', () => {
  it.each<[Rule, boolean]>([
    [{ field: 'activityScore', op: '>=', value: 500 }, true],
    [{ field: 'activityScore', op: '<', value: 500 }, false],
    [{ field: 'activityScore', op: 'in', value: [1, 520] }, true],
    [{ field: 'name', op: '=', value: 'zoe chen' }, true], // case and accents ignored, as utf8mb4_unicode_ci
    [{ field: 'name', op: 'contains', value: 'OË' }, true],
    [{ field: 'name', op: '!=', value: 'Zoë Chen ' }, false], // trailing spaces do not count
    [{ field: 'email', op: '!=', value: 'a@b.c' }, true], // != matches a missing value
    [{ field: 'email', op: '=', value: 'a@b.c' }, false],
    [{ field: 'email', op: 'exists', value: false }, true],
    [{ field: 'mobile', op: 'exists', value: true }, true],
    [{ field: 'createdAt', op: '<', value: '2026-02-01T00:00:00Z' }, true],
    [{ field: 'attributes.city', op: '=', value: 'SHANGHAI' }, true],
    [{ field: 'attributes.age', op: '>', value: 18 }, true],
    [{ field: 'attributes.ageText', op: '>', value: 18 }, false], // "30" is text
    [{ field: 'attributes.ageText', op: '=', value: '30' }, true],
    [{ field: 'attributes.vip', op: '=', value: true }, true],
    [{ field: 'attributes.vip', op: '!=', value: true }, false],
    [{ field: 'attributes.tags', op: 'contains', value: 'vip' }, true],
    [{ field: 'attributes.tags', op: 'contains', value: 'VIP' }, false], // array elements compare exactly, as JSON_CONTAINS
    [{ field: 'attributes.city', op: 'contains', value: 'hai' }, true],
    [{ field: 'attributes.profile.level', op: 'in', value: [1, 2, 3] }, true],
    [{ field: 'attributes.missing', op: '!=', value: 'x' }, true],
    [{ field: 'attributes.missing', op: '<', value: 5 }, false],
    [{ field: 'attributes.missing', op: 'exists', value: false }, true],
    [{ field: 'attributes.list.0.a', op: '=', value: 1 }, false], // JSON_EXTRACT $."list"."0" does not index arrays
    [
      {
        and: [
          { field: 'activityScore', op: '>=', value: 500 },
          { field: 'attributes.city', op: '=', value: 'Shanghai' },
        ],
      },
      true,
    ],
    [
      {
        or: [
          { field: 'activityScore', op: '<', value: 0 },
          { field: 'attributes.city', op: '=', value: 'Beijing' },
        ],
      },
      false,
    ],
  ])('%j → %s', (rule, expected) => {
    expect(matches(rule)).toBe(expected);
  });

  it('reads own keys only and can index arrays when asked', () => {
    expect(readPath({ a: [{ b: 2 }] }, ['a', '0', 'b'])).toBe(2);
    expect(readPath({ a: [{ b: 2 }] }, ['a', '0', 'b'], false)).toBeUndefined();
    expect(readPath({}, ['constructor'])).toBeUndefined();
    expect(readPath({ a: 'text' }, ['a', 'length'])).toBeUndefined();
  });
});
