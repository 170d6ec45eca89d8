import type { CustomerShape } from '../../customers/customer-shape';
import { cursorAt, FIXTURE_NOW, problemsOf } from '../testing/run-fixture';
import type { EffectPorts } from './node-type';
import { customerUpdateFor, groupErrors, UpdateCustomerNode, updateCustomerNode } from './update-customer';

const now = FIXTURE_NOW;
const tag: UpdateCustomerNode = {
  id: 'tag',
  type: 'update_customer',
  set: { 'attributes.crmId': '{{ trigger.id }}' },
  activityDelta: 5,
  addToGroupId: 4,
  next: 'done',
};
const li: CustomerShape = {
  id: 9,
  tenantId: 1,
  name: 'Li Lei',
  wechatNickname: null,
  mobile: null,
  email: null,
  activityScore: 3,
  attributes: {},
  createdAt: now,
  updatedAt: now,
};

const runAt = (node: UpdateCustomerNode, customer: CustomerShape | null = li, tenantId = 1) =>
  cursorAt(node, { customer, run: { tenantId, context: { trigger: { id: 'c-1' }, vars: {}, nodes: {} } } });

const problems = (node: Record<string, unknown>) => problemsOf(updateCustomerNode, node, 'nodes[3]');

describe('update_customer node: checks', () => {
  it('must change something, with settable fields, whole deltas and group ids', () => {
    expect(problems({ set: { name: 'x', 'attributes.a.b': 1 }, activityDelta: -3, addToGroupId: 1, removeFromGroupId: 2 })).toEqual([]);
    expect(problems({})).toEqual([['nodes[3]', 'nothing_to_change']]);
    expect(problems({ set: {} })).toEqual([['nodes[3].set', 'is_object']]);
    expect(problems({ set: { activityScore: 5, mobile: 5 } })).toEqual([
      ['nodes[3].set.activityScore', 'not_settable'],
      ['nodes[3].set.mobile', 'is_string'],
    ]);
    expect(problems({ activityDelta: 1.5, addToGroupId: 0, removeFromGroupId: 'x' })).toEqual([
      ['nodes[3].activityDelta', 'is_int'],
      ['nodes[3].addToGroupId', 'is_int'],
      ['nodes[3].removeFromGroupId', 'is_int'],
    ]);
  });

  it("reports a template's problem at its path, with the templates' code", () => {
    expect(problems({ set: { name: '{{ nope' } })).toEqual([['nodes[3].set.name', 'template_syntax']]);
  });

  it('names its static groups for the reference check', () => {
    expect(updateCustomerNode.references!({ ...tag, removeFromGroupId: 6 }, 'nodes[3]')).toEqual([
      { kind: 'static_group', id: 4, path: 'nodes[3].addToGroupId' },
      { kind: 'static_group', id: 6, path: 'nodes[3].removeFromGroupId' },
    ]);
    expect(updateCustomerNode.references!({ id: 'n', type: 'update_customer', activityDelta: 1 }, 'nodes[0]')).toEqual([]);
  });
});

describe('update_customer node: the change', () => {
  it('renders set with the run context and the customer', () => {
    expect(customerUpdateFor(tag, runAt(tag))).toEqual({ set: { 'attributes.crmId': 'c-1' }, activityDelta: 5 });
    const named: UpdateCustomerNode = { ...tag, set: { name: '{{ customer.name }} (VIP)' } };
    expect(customerUpdateFor(named, runAt(named))).toEqual({ set: { name: 'Li Lei (VIP)' }, activityDelta: 5 });
  });

  it('refuses deleted and dynamic groups, per node', () => {
    const nodes = [tag, { ...tag, addToGroupId: 5 }, { ...tag, addToGroupId: undefined, removeFromGroupId: 6 }];
    expect(
      groupErrors(
        nodes,
        new Map([
          [4, 'static'],
          [5, 'dynamic'],
        ]),
      ),
    ).toEqual(
      new Map([
        [1, 'group 5 is dynamic: its members come from its rule'],
        [2, 'group 6 was deleted'],
      ]),
    );
  });

  it('applies the changes of a round per tenant in its transaction, then the memberships; a refused one fails its run', async () => {
    const m = {} as never;
    const after = { ...li, activityScore: 8 };
    const ports = {
      customers: {
        applyChanges: jest
          .fn()
          .mockResolvedValueOnce([{ customer: after }])
          .mockResolvedValueOnce([{ error: 'customer 10 not found (deleted?)' }]),
      },
      groups: { kinds: jest.fn().mockResolvedValue(new Map([[4, 'static']])), add: jest.fn(), remove: jest.fn() },
    } as unknown as EffectPorts;
    const ok = runAt(tag);
    const gone = runAt(tag, { ...li, id: 10 }, 2);
    const none = runAt(tag, null);
    await updateCustomerNode.effect!.commit!(
      m,
      [
        { run: ok, node: tag, work: true },
        { run: gone, node: tag, work: true },
        { run: none, node: tag, work: true },
      ],
      ports,
      now,
    );
    expect(ports.groups.kinds).toHaveBeenCalledWith(1, [4], m);
    expect(ports.customers.applyChanges).toHaveBeenNthCalledWith(1, m, 1, [
      { customerId: 9, change: { set: { 'attributes.crmId': 'c-1' }, activityDelta: 5 } },
    ]);
    expect(ports.groups.add).toHaveBeenCalledWith(m, 1, [{ groupId: 4, customerId: 9 }]);
    expect(ok).toMatchObject({ status: 'active', nodeId: 'done', customer: after });
    expect(ok.newSteps[0]).toMatchObject({ outcome: 'done', detail: { activityDelta: 5, addToGroupId: 4, removeFromGroupId: null } });
    expect(gone).toMatchObject({ status: 'failed', error: 'update_customer node tag: customer 10 not found (deleted?)' });
    expect(none).toMatchObject({ status: 'failed', error: 'update_customer node tag: the run has no customer to update' });
  });
});
