import { compileRule, Rule, validateRule } from './segment-rule';

describe('validateRule', () => {
  it('accepts the DM Hub example and nested AND/OR trees', () => {
    expect(
      validateRule({
        and: [
          { field: 'activityScore', op: '>=', value: 500 },
          {
            or: [
              { field: 'attributes.city', op: '=', value: 'Shanghai' },
              { field: 'attributes.tags', op: 'contains', value: 'vip' },
            ],
          },
          { field: 'email', op: 'exists', value: true },
          { field: 'createdAt', op: '<', value: '2026-01-01T00:00:00Z' },
          { field: 'attributes.profile.level', op: 'in', value: [1, 2, 3] },
        ],
      }),
    ).toEqual([]);
  });

  it.each([
    [null, 'rule', 'must be an object'],
    [[], 'rule', 'must be an object'],
    [{ and: [] }, 'rule.and', 'non-empty array'],
    [{ and: [{ field: 'x', op: '=', value: 1 }] }, 'rule.and[0].field', 'must be one of'],
    [{ field: 'activityScore', op: '~', value: 1 }, 'rule.op', 'must be one of'],
    [{ field: 'activityScore', op: '>=', value: '500' }, 'rule.value', 'a number'],
    [{ field: 'name', op: '>', value: 'a' }, 'rule.op', 'must be one of'],
    [{ field: 'createdAt', op: '>', value: 'yesterday' }, 'rule.value', 'ISO-8601'],
    [{ field: 'attributes.city', op: 'in', value: ['a', 1] }, 'rule.value', 'all strings or all numbers'],
    [{ field: 'attributes.city', op: 'exists', value: 'yes' }, 'rule.value', 'true or false'],
    [{ field: 'attributes.flag', op: '>', value: true }, 'rule.value', 'booleans only'],
    [{ field: 'attributes.a b', op: '=', value: 1 }, 'rule.field', 'must be one of'],
    // Object.prototype's keys are not fields (this threw a TypeError, a 500, before).
    [{ field: 'constructor', op: '=', value: 1 }, 'rule.field', 'must be one of'],
    [{ field: '__proto__', op: '=', value: 1 }, 'rule.field', 'must be one of'],
    [{ field: 'toString', op: 'exists', value: true }, 'rule.field', 'must be one of'],
    [{ field: 'attributes.x', op: '=', value: 1, extra: 2 }, 'rule.extra', 'not an allowed key'],
    [{ or: [{ field: 'name', op: 'contains', value: '' }] }, 'rule.or[0].value', 'non-empty string'],
    [{ and: [{ field: 'name', op: '=', value: 'x' }], or: [] }, 'rule', 'only the key'],
  ])('rejects %j at %s', (rule, path, message) => {
    const problems = validateRule(rule);
    expect(problems.map((p) => p.path)).toEqual([path]);
    expect(problems[0].message).toContain(message);
    expect(problems[0].message.startsWith(path)).toBe(true);
  });

  it.each([
    [null, 'rule_shape', undefined],
    [{ and: [{ field: 'name', op: '=', value: 'x' }], or: [] }, 'rule_single_key', { key: 'and' }],
    [{ or: [] }, 'rule_list', undefined],
    [{ field: 'x', op: '=', value: 1 }, 'rule_unknown_field', { field: 'x' }],
    [{ field: 'x'.repeat(500), op: '=', value: 1 }, 'rule_unknown_field', { field: 'x'.repeat(100) }],
    [{ field: 'attributes.x', op: '=', value: 1, extra: 2 }, 'rule_unknown_key', { key: 'extra' }],
    [{ field: 'name', op: '>', value: 'a' }, 'rule_operator', { field: 'name', op: '>', values: ['=', '!=', 'in', 'contains', 'exists'] }],
    [{ field: 'activityScore', op: '>=', value: '500' }, 'rule_value', { field: 'activityScore', op: '>=', expected: 'number' }],
    [{ field: 'createdAt', op: '>', value: 'yesterday' }, 'rule_value', { field: 'createdAt', op: '>', expected: 'date_time' }],
    [{ field: 'attributes.city', op: 'in', value: ['a', 1] }, 'rule_value', { field: 'attributes.city', op: 'in', expected: 'strings_or_numbers' }],
    [{ field: 'id', op: 'in', value: Array.from({ length: 1001 }, (_, i) => i) }, 'rule_too_many_values', { max: 1000 }],
  ])('names the problem of %j with a code and its params', (rule, code, params) => {
    const [problem] = validateRule(rule);
    expect(problem.code).toBe(code);
    expect(problem.params).toEqual(params);
  });

  it('limits depth and size', () => {
    let deep: unknown = { field: 'id', op: '=', value: 1 };
    for (let i = 0; i < 8; i++) deep = { and: [deep] };
    expect(validateRule(deep)).toEqual([expect.objectContaining({ code: 'rule_too_deep', params: { max: 6 }, message: expect.stringContaining('deeper') })]);
    const wide = { or: Array.from({ length: 101 }, () => ({ field: 'id', op: '=', value: 1 })) };
    expect(validateRule(wide)).toEqual([
      expect.objectContaining({ code: 'rule_too_many_conditions', params: { max: 100 }, message: expect.stringContaining('exceeds 100 conditions') }),
    ]);
  });
});

describe('compileRule', () => {
  it('binds every value and JSON path as a parameter', () => {
    const rule: Rule = {
      and: [
        { field: 'activityScore', op: '>=', value: 500 },
        { field: 'attributes.city', op: '=', value: "Shang'hai; DROP TABLE customers" },
      ],
    };
    const { sql, params } = compileRule(rule, 'c');
    expect(sql).not.toContain('DROP');
    expect(sql).not.toContain('500');
    expect(sql).toContain('c.activityScore >= :r0');
    expect(Object.values(params)).toEqual([500, '$."city"', "Shang'hai; DROP TABLE customers"]);
  });

  it('escapes LIKE wildcards in contains', () => {
    const { params } = compileRule({ field: 'name', op: 'contains', value: '50%_off' });
    expect(params.r0).toBe('%50\\%\\_off%');
  });

  it('treats != as "not equal or missing"', () => {
    expect(compileRule({ field: 'name', op: '!=', value: 'x' }).sql).toBe('(c.name <> :r0 OR c.name IS NULL)');
    expect(compileRule({ field: 'attributes.city', op: '!=', value: 'x' }).sql).toMatch(/^NOT COALESCE\(/);
  });

  it('turns dates into Date parameters', () => {
    const { params } = compileRule({ field: 'createdAt', op: '>=', value: '2026-01-02T03:04:05Z' });
    expect(params.r0).toEqual(new Date('2026-01-02T03:04:05Z'));
  });
});
