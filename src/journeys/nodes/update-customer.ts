/**
 * update_customer: changes the run's customer (fields and attributes, activity score) and its
 * static group memberships, in the round's transaction; the customer's events go to the outbox.
 */
import type { EntityManager } from 'typeorm';
import type { CustomerChange } from '../../customers/customer-change';
import { CompiledTemplate, compileTemplate, renderTemplate, TemplateError } from '../../templates/render-template';
import { AddProblem, ID_RANGE, isId, isObject } from '../definition-checks';
import type { EffectPorts, NodeBase, NodeType, NodeWork, RunPort } from './node-type';

export interface UpdateCustomerNode extends NodeBase {
  type: 'update_customer';
  /** `name`, `wechatNickname`, `mobile`, `email` or `attributes.<key>[.<key>…]` → value (string leaves may be templates). */
  // `any`: free JSON, and TypeORM's partial-entity types reject `unknown` in json columns.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  set?: Record<string, any>;
  activityDelta?: number;
  addToGroupId?: number;
  removeFromGroupId?: number;
  next?: string;
}

export const SETTABLE_FIELDS = ['name', 'wechatNickname', 'mobile', 'email'] as const;
const ATTRIBUTE_SET_PATH = /^attributes(\.[A-Za-z0-9_-]{1,64}){1,5}$/;
const ACTIVITY_DELTA_MAX = 1_000_000_000;

function updateProblems(node: Record<string, unknown>, path: string, add: AddProblem): void {
  const { set, activityDelta, addToGroupId, removeFromGroupId } = node;
  if (set === undefined && activityDelta === undefined && addToGroupId === undefined && removeFromGroupId === undefined) {
    return add(path, 'nothing_to_change', 'must change something: set, activityDelta, addToGroupId or removeFromGroupId');
  }
  if (set !== undefined) {
    if (!isObject(set) || !Object.keys(set).length) {
      add(`${path}.set`, 'is_object', 'must be an object of field → value');
    } else {
      for (const [field, value] of Object.entries(set)) {
        const fieldPath = `${path}.set.${field}`;
        if ((SETTABLE_FIELDS as readonly string[]).includes(field)) {
          if (value !== null && typeof value !== 'string') add(fieldPath, 'is_string', 'must be text (or null to clear it)');
        } else if (!ATTRIBUTE_SET_PATH.test(field)) {
          add(
            fieldPath,
            'not_settable',
            `is not a customer field (use ${SETTABLE_FIELDS.join(', ')} or attributes.<key>; activityScore through activityDelta)`,
            { fields: [...SETTABLE_FIELDS] },
          );
        }
      }
      try {
        compileTemplate(set, `${path}.set`);
      } catch (error) {
        if (!(error instanceof TemplateError)) throw error;
        add(error.path, error.code, error.message.slice(error.path.length + 2), error.params);
      }
    }
  }
  if (activityDelta !== undefined && !(Number.isInteger(activityDelta) && Math.abs(activityDelta as number) <= ACTIVITY_DELTA_MAX)) {
    add(`${path}.activityDelta`, 'is_int', 'must be a whole number between -1000000000 and 1000000000', { min: -ACTIVITY_DELTA_MAX, max: ACTIVITY_DELTA_MAX });
  }
  if (addToGroupId !== undefined && !isId(addToGroupId)) add(`${path}.addToGroupId`, 'is_int', 'must be a group id', ID_RANGE);
  if (removeFromGroupId !== undefined && !isId(removeFromGroupId)) add(`${path}.removeFromGroupId`, 'is_int', 'must be a group id', ID_RANGE);
}

const compiledSets = new WeakMap<object, CompiledTemplate>();

/** The node's change for this run: `set` rendered with the run's context (string leaves may be templates). */
export function customerUpdateFor(node: UpdateCustomerNode, run: Pick<RunPort, 'templateContext' | 'scope'>): CustomerChange | { error: string } {
  let set: Record<string, unknown> | undefined;
  if (node.set) {
    try {
      let compiled = compiledSets.get(node.set);
      if (!compiled) compiledSets.set(node.set, (compiled = compileTemplate(node.set, `nodes.${node.id}.set`)));
      set = renderTemplate(compiled, { ...run.templateContext(), customer: run.scope.customer }) as Record<string, unknown>;
    } catch (error) {
      return { error: `set could not be rendered: ${(error as Error).message}` };
    }
  }
  return { set, activityDelta: node.activityDelta };
}

/** Why each node (by index) cannot change its groups: a group deleted, or dynamic (its members come from its rule). */
export function groupErrors(nodes: UpdateCustomerNode[], kinds: Map<number, string>): Map<number, string> {
  const errors = new Map<number, string>();
  nodes.forEach((n, i) => {
    for (const id of [n.addToGroupId, n.removeFromGroupId]) {
      if (!id) continue;
      if (!kinds.has(id)) errors.set(i, `group ${id} was deleted`);
      else if (kinds.get(id) !== 'static') errors.set(i, `group ${id} is dynamic: its members come from its rule`);
    }
  });
  return errors;
}

/** Adds to and removes from static groups (already checked), a few statements for many customers. */
async function applyGroups(m: EntityManager, ports: EffectPorts, tenantId: number, items: { node: UpdateCustomerNode; customerId: number }[]): Promise<void> {
  await ports.groups.add(
    m,
    tenantId,
    items.filter((i) => i.node.addToGroupId).map((i) => ({ groupId: i.node.addToGroupId!, customerId: i.customerId })),
  );
  const removes = new Map<number, number[]>();
  for (const i of items.filter((x) => x.node.removeFromGroupId)) {
    removes.set(i.node.removeFromGroupId!, [...(removes.get(i.node.removeFromGroupId!) ?? []), i.customerId]);
  }
  for (const [groupId, customerIds] of removes) await ports.groups.remove(m, groupId, customerIds);
}

function updateFailed(run: RunPort, node: UpdateCustomerNode, error: string, now: Date): void {
  run.log(node, 'error', now, now, { error });
  run.fail(`update_customer node ${node.id}: ${error}`, now);
}

/** The nodes' changes, per tenant: groups checked, customers changed (their events recorded), memberships written. */
async function applyUpdates(m: EntityManager, work: NodeWork<UpdateCustomerNode, true>[], ports: EffectPorts, now: Date): Promise<void> {
  const byTenant = new Map<number, typeof work>();
  for (const u of work) byTenant.set(u.run.run.tenantId, [...(byTenant.get(u.run.run.tenantId) ?? []), u]);
  for (const [tenantId, items] of byTenant) {
    const groupIds = [...new Set(items.flatMap((u) => [u.node.addToGroupId, u.node.removeFromGroupId]).filter((x): x is number => !!x))];
    const refused = groupErrors(
      items.map((u) => u.node),
      await ports.groups.kinds(tenantId, groupIds, m),
    );
    const planned: { run: RunPort; node: UpdateCustomerNode; change: CustomerChange }[] = [];
    items.forEach((u, i) => {
      const change = u.run.customer ? customerUpdateFor(u.node, u.run) : { error: 'the run has no customer to update' };
      const error = 'error' in change ? change.error : refused.get(i);
      if (error) updateFailed(u.run, u.node, error, now);
      else planned.push({ run: u.run, node: u.node, change: change as CustomerChange });
    });
    const results = await ports.customers.applyChanges(
      m,
      tenantId,
      planned.map((p) => ({ customerId: p.run.customer!.id, change: p.change })),
    );
    const done = planned.filter((p, i) => {
      const result = results[i];
      if ('error' in result) {
        updateFailed(p.run, p.node, result.error, now);
        return false;
      }
      p.run.customer = result.customer;
      p.run.log(p.node, 'done', now, now, {
        set: p.change.set ?? null,
        activityDelta: p.node.activityDelta ?? null,
        addToGroupId: p.node.addToGroupId ?? null,
        removeFromGroupId: p.node.removeFromGroupId ?? null,
      });
      p.run.advance(p.node);
      return true;
    });
    await applyGroups(
      m,
      ports,
      tenantId,
      done.map((p) => ({ node: p.node, customerId: p.run.customer!.id })),
    );
  }
}

export const updateCustomerNode: NodeType<UpdateCustomerNode, true> = {
  type: 'update_customer',
  fields: ['set', 'activityDelta', 'addToGroupId', 'removeFromGroupId', 'next'],
  links: ['next'],

  validate: (node, path, { add }) => updateProblems(node, path, add),

  references(node, path) {
    return (['addToGroupId', 'removeFromGroupId'] as const).flatMap((key) =>
      node[key] === undefined ? [] : [{ kind: 'static_group' as const, id: node[key]!, path: `${path}.${key}` }],
    );
  },

  successor: (node) => node.next ?? null,

  effect: {
    // The change is made for every such run of the round together, in its transaction.
    start: () => true,
    commit: applyUpdates,
  },
};
