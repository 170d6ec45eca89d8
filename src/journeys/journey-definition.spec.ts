import { definitionProblems, validateDefinition } from './journey-definition';

/** The SPEC's example journey. */
const example = () => ({
  trigger: { type: 'form_submitted', formId: 3 },
  start: 'wait1',
  nodes: [
    { id: 'wait1', type: 'wait', seconds: 600, next: 'city' },
    { id: 'city', type: 'condition', rule: { field: 'customer.attributes.city', op: '=', value: 'Shanghai' }, then: 'crm', else: 'done' },
    { id: 'crm', type: 'webhook', webhookId: 7, next: 'mark' },
    { id: 'mark', type: 'update_customer', set: { 'attributes.crmSynced': true }, activityDelta: 10, addToGroupId: 4, next: 'done' },
    { id: 'done', type: 'end' },
  ],
});

type Def = ReturnType<typeof example> & Record<string, unknown>;

function errorsOf(change: (d: Def) => void): Record<string, string[]> {
  const d = example() as Def;
  change(d);
  return validateDefinition(d);
}

describe('validateDefinition', () => {
  it('accepts the SPEC example and every trigger type', () => {
    expect(validateDefinition(example())).toEqual({});
    for (const trigger of [
      { type: 'event', event: 'loyalty/membership_redeem_coupon' },
      { type: 'attribute_threshold', field: 'activityScore', op: '>=', value: 500 },
      { type: 'attribute_threshold', field: 'attributes.tier', op: '=', value: 'gold' },
      { type: 'group_entry', groupId: 1 },
      { type: 'inbound', inboundTriggerId: 2 },
    ]) {
      expect(errorsOf((d) => void (d.trigger = trigger as never))).toEqual({});
    }
  });

  it('accepts conditions over trigger.* and an earlier webhook node response, and templated sets', () => {
    expect(
      errorsOf((d) => {
        d.nodes[1] = {
          ...d.nodes[1],
          rule: {
            and: [
              { field: 'trigger.data.amount', op: '>', value: 100 },
              { field: 'nodes.crm.response.status', op: '=', value: 200 },
              { field: 'customer.activityScore', op: '>=', value: 500 },
            ],
          },
        } as never;
        d.nodes[3] = { ...d.nodes[3], set: { 'attributes.crmId': '{{ nodes.crm.response.body.id }}', name: '{{ trigger.data.name }}' } } as never;
      }),
    ).toEqual({});
  });

  it.each<[string, (d: Def) => void, string, string]>([
    ['no start node', (d) => void (d.start = 'nope'), 'start', 'names no node'],
    ['a next naming nothing', (d) => void ((d.nodes[3] as Record<string, unknown>).next = 'ghost'), 'nodes[3].next', 'names no node'],
    ['a then naming nothing', (d) => void ((d.nodes[1] as Record<string, unknown>).then = 'ghost'), 'nodes[1].then', 'names no node'],
    ['duplicate ids', (d) => void (d.nodes[4].id = 'crm'), 'nodes[4].id', 'repeats the id of nodes[2]'],
    ['a bad id', (d) => void (d.nodes[4].id = 'a.b'), 'nodes[4].id', 'letters, digits'],
    ['an unknown node type', (d) => void ((d.nodes[4] as Record<string, unknown>).type = 'sms'), 'nodes[4].type', 'must be one of'],
    ['an unknown node field', (d) => void ((d.nodes[2] as Record<string, unknown>).url = 'x'), 'nodes[2].url', 'not a field of a webhook node'],
    ['a webhook without id', (d) => void ((d.nodes[2] as Record<string, unknown>).webhookId = '7'), 'nodes[2].webhookId', 'webhook id'],
    ['a bad onFailure', (d) => void ((d.nodes[2] as Record<string, unknown>).onFailure = 'retry'), 'nodes[2].onFailure', 'continue or stop'],
    ['a wait with both', (d) => void ((d.nodes[0] as Record<string, unknown>).until = '2030-01-01T00:00:00Z'), 'nodes[0]', 'exactly one'],
    ['a zero wait', (d) => void ((d.nodes[0] as Record<string, unknown>).seconds = 0), 'nodes[0].seconds', 'from 1'],
    [
      'a wait until without zone',
      (d) => {
        delete (d.nodes[0] as Record<string, unknown>).seconds;
        (d.nodes[0] as Record<string, unknown>).until = '2030-01-01 10:00';
      },
      'nodes[0].until',
      'time zone',
    ],
    [
      'a rule on an unknown field',
      (d) => void ((d.nodes[1] as Record<string, unknown>).rule = { field: 'city', op: '=', value: 'x' }),
      'nodes[1].rule.field',
      'customer.<field>',
    ],
    [
      'a rule on a non-webhook node',
      (d) => void ((d.nodes[1] as Record<string, unknown>).rule = { field: 'nodes.mark.response.status', op: '=', value: 1 }),
      'nodes[1].rule.field',
      'must be one of',
    ],
    [
      'a nested bad operator',
      (d) => void ((d.nodes[1] as Record<string, unknown>).rule = { and: [{ field: 'customer.activityScore', op: '~', value: 1 }] }),
      'nodes[1].rule.and[0].op',
      'must be one of',
    ],
    [
      'an update that changes nothing',
      (d) => void (d.nodes[3] = { id: 'mark', type: 'update_customer', next: 'done' } as never),
      'nodes[3]',
      'must change something',
    ],
    ['setting an unknown field', (d) => void (d.nodes[3] = { ...d.nodes[3], set: { tier: 'x' } } as never), 'nodes[3].set.tier', 'not a customer field'],
    [
      'setting activityScore directly',
      (d) => void (d.nodes[3] = { ...d.nodes[3], set: { activityScore: 5 } } as never),
      'nodes[3].set.activityScore',
      'activityDelta',
    ],
    [
      'a set template with an unknown variable',
      (d) => void (d.nodes[3] = { ...d.nodes[3], set: { name: '{{ secret.x }}' } } as never),
      'nodes[3].set.name',
      'unknown variable',
    ],
    ['a bad activity delta', (d) => void (d.nodes[3] = { ...d.nodes[3], activityDelta: 1.5 } as never), 'nodes[3].activityDelta', 'whole number'],
    ['a bad trigger type', (d) => void (d.trigger = { type: 'cron' } as never), 'trigger.type', 'must be one of'],
    ['an unknown event', (d) => void (d.trigger = { type: 'event', event: 'order/paid' } as never), 'trigger.event', 'must be one of'],
    [
      'a threshold on a bad field',
      (d) => void (d.trigger = { type: 'attribute_threshold', field: 'score', op: '>=', value: 1 } as never),
      'trigger.field',
      'activityScore',
    ],
    [
      'a threshold with a text value for a number',
      (d) => void (d.trigger = { type: 'attribute_threshold', field: 'activityScore', op: '>=', value: '500' } as never),
      'trigger.value',
      'a number',
    ],
    ['an extra trigger key', (d) => void (d.trigger = { type: 'group_entry', groupId: 1, formId: 2 } as never), 'trigger.formId', 'not a field'],
    ['a position that is not x/y', (d) => void ((d.nodes[4] as Record<string, unknown>).position = { x: 1 }), 'nodes[4].position', '{x, y}'],
  ])('refuses %s', (_, change, path, message) => {
    const errors = errorsOf(change);
    expect(Object.keys(errors)).toContain(path);
    expect(errors[path].join()).toContain(message);
    expect(errors[path][0].startsWith(path)).toBe(true);
  });

  it('finds unreachable nodes', () => {
    const errors = errorsOf((d) => void d.nodes.push({ id: 'island', type: 'end' } as never));
    expect(errors['nodes[5]'].join()).toContain('island) is not reachable from start');
  });

  it('refuses a loop without a wait, accepts one through a wait', () => {
    const loop = errorsOf((d) => void ((d.nodes[3] as Record<string, unknown>).next = 'city'));
    expect(loop['nodes[3].next'].join()).toContain('closes a loop with no wait node in it (city → crm → mark → city)');
    expect(errorsOf((d) => void ((d.nodes[3] as Record<string, unknown>).next = 'wait1'))).toEqual({});
  });

  it('refuses a node pointing at itself unless it is a wait', () => {
    expect(errorsOf((d) => void ((d.nodes[2] as Record<string, unknown>).next = 'crm'))['nodes[2].next'].join()).toContain('its own node');
    expect(errorsOf((d) => void ((d.nodes[0] as Record<string, unknown>).next = 'wait1'))['nodes[1]']).toBeDefined(); // city is then unreachable
  });

  it('limits the number of nodes and the size', () => {
    const many = { trigger: { type: 'group_entry', groupId: 1 }, start: 'n0', nodes: Array.from({ length: 201 }, (_, i) => ({ id: `n${i}`, type: 'end' })) };
    expect(validateDefinition(many).nodes.join()).toContain('at most 200 nodes');
    const big = { ...example(), nodes: [...example().nodes.slice(0, 4), { id: 'done', type: 'end', label: 'x'.repeat(300_000) }] };
    expect(validateDefinition(big).definition.join()).toContain('bytes');
  });

  it('refuses non-objects and missing parts without throwing', () => {
    expect(Object.keys(validateDefinition(null))).toEqual(['definition']);
    expect(Object.keys(validateDefinition({}))).toEqual(expect.arrayContaining(['trigger', 'nodes']));
    expect(Object.keys(validateDefinition({ trigger: { type: 'group_entry', groupId: 1 }, start: 'a', nodes: [null, 5] }))).toEqual(
      expect.arrayContaining(['nodes[0]', 'nodes[1]', 'start']),
    );
  });

  // The console words each problem itself (Chinese or English) on the node it names: it needs a code and the values.
  it.each<[string, (d: Def) => void, string, string, Record<string, unknown> | undefined]>([
    ['a next naming nothing', (d) => void ((d.nodes[3] as Record<string, unknown>).next = 'ghost'), 'nodes[3].next', 'unknown_node', { id: 'ghost' }],
    ['duplicate ids', (d) => void (d.nodes[4].id = 'crm'), 'nodes[4].id', 'duplicate_node_id', { id: 'crm', index: 2 }],
    ['a bad id', (d) => void (d.nodes[4].id = 'a.b'), 'nodes[4].id', 'node_id', undefined],
    [
      'an unknown node type',
      (d) => void ((d.nodes[4] as Record<string, unknown>).type = 'sms'),
      'nodes[4].type',
      'is_in',
      { values: ['webhook', 'wait', 'condition', 'split', 'update_customer', 'end'] },
    ],
    ['an unknown node field', (d) => void ((d.nodes[2] as Record<string, unknown>).url = 'x'), 'nodes[2].url', 'unknown_field', { type: 'webhook' }],
    ['a wait with both', (d) => void ((d.nodes[0] as Record<string, unknown>).until = '2030-01-01T00:00:00Z'), 'nodes[0]', 'wait_one_of', undefined],
    ['a zero wait', (d) => void ((d.nodes[0] as Record<string, unknown>).seconds = 0), 'nodes[0].seconds', 'is_int', { min: 1, max: 366 * 86_400 }],
    [
      'an update that changes nothing',
      (d) => void (d.nodes[3] = { id: 'mark', type: 'update_customer', next: 'done' } as never),
      'nodes[3]',
      'nothing_to_change',
      undefined,
    ],
    [
      'setting an unknown field',
      (d) => void (d.nodes[3] = { ...d.nodes[3], set: { tier: 'x' } } as never),
      'nodes[3].set.tier',
      'not_settable',
      { fields: ['name', 'wechatNickname', 'mobile', 'email'] },
    ],
    ['a pointer at itself', (d) => void ((d.nodes[2] as Record<string, unknown>).next = 'crm'), 'nodes[2].next', 'self_link', { id: 'crm' }],
    ['an unknown event', (d) => void (d.trigger = { type: 'event', event: 'order/paid' } as never), 'trigger.event', 'is_in', undefined],
    [
      'a form trigger without a form id',
      (d) => void (d.trigger = { type: 'form_submitted', formId: '3' } as never),
      'trigger.formId',
      'is_int',
      { min: 1, max: 2_147_483_647 },
    ],
    [
      'a webhook node not given its webhook',
      (d) => void delete (d.nodes[2] as Record<string, unknown>).webhookId,
      'nodes[2].webhookId',
      'required',
      { min: 1, max: 2_147_483_647 },
    ],
    ['a start naming nothing', (d) => void (d.start = 'nope'), 'start', 'unknown_node', { id: 'nope' }],
    ['an unreachable node', (d) => void d.nodes.push({ id: 'island', type: 'end' } as never), 'nodes[5]', 'unreachable_node', { id: 'island' }],
    [
      'a loop without a wait',
      (d) => void ((d.nodes[3] as Record<string, unknown>).next = 'city'),
      'nodes[3].next',
      'loop_without_wait',
      { loop: 'city → crm → mark → city' },
    ],
  ])('names %s with a code and params', (_, change, path, code, params) => {
    const d = example() as Def;
    change(d);
    const problem = definitionProblems(d).find((p) => p.path === path);
    expect(problem).toMatchObject({ path, code });
    if (params) expect(problem!.params).toMatchObject(params);
    expect(problem!.message.startsWith(path)).toBe(true);
  });

  it("gives a rule's problems at their path inside the node, and a template's with the templates' code", () => {
    const rule = definitionProblems({
      ...example(),
      nodes: example().nodes.map((n) => (n.id === 'city' ? { ...n, rule: { field: 'city', op: '=', value: 'x' } } : n)),
    });
    expect(rule).toEqual([expect.objectContaining({ path: 'nodes[1].rule.field', code: 'rule_unknown_field', params: { field: 'city' } })]);
    const template = definitionProblems({ ...example(), nodes: example().nodes.map((n) => (n.id === 'mark' ? { ...n, set: { name: '{{ secret.x }}' } } : n)) });
    expect(template).toEqual([expect.objectContaining({ path: 'nodes[3].set.name', code: 'unknown_variable' })]);
  });
});
