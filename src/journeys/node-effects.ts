/**
 * The parts of nodes with effects that the executor delegates: what an update_customer node
 * changes, its group memberships, and what a settled message means for the run.
 */
import type { EntityManager } from 'typeorm';
import type { CustomerChange } from '../customers/customer-change';
import { CompiledTemplate, compileTemplate, renderTemplate } from '../templates/render-template';
import type { UpdateCustomerNode } from './journey-definition';
import { responseForContext } from './journey-interpreter';
import type { RunCursor } from './run-cursor';

const compiledSets = new WeakMap<object, CompiledTemplate>();

/** The node's change for this run: `set` rendered with the run's context (string leaves may be templates). */
export function customerUpdateFor(node: UpdateCustomerNode, cursor: RunCursor): CustomerChange | { error: string } {
  let set: Record<string, unknown> | undefined;
  if (node.set) {
    try {
      let compiled = compiledSets.get(node.set);
      if (!compiled) compiledSets.set(node.set, (compiled = compileTemplate(node.set, `nodes.${node.id}.set`)));
      set = renderTemplate(compiled, { ...cursor.templateContext(), customer: cursor.scope.customer }) as Record<string, unknown>;
    } catch (error) {
      return { error: `set could not be rendered: ${(error as Error).message}` };
    }
  }
  return { set, activityDelta: node.activityDelta };
}

/** Checks the static groups the nodes add to or remove from: answers an error per item index. */
export async function checkGroups(m: EntityManager, tenantId: number, nodes: UpdateCustomerNode[]): Promise<Map<number, string>> {
  const ids = [...new Set(nodes.flatMap((n) => [n.addToGroupId, n.removeFromGroupId]).filter((x): x is number => !!x))];
  const errors = new Map<number, string>();
  if (!ids.length) return errors;
  const rows: { id: number; type: string }[] = await m.query('SELECT id, type FROM customer_groups WHERE tenantId = ? AND id IN (?)', [tenantId, ids]);
  const types = new Map(rows.map((r) => [r.id, r.type]));
  nodes.forEach((n, i) => {
    for (const id of [n.addToGroupId, n.removeFromGroupId]) {
      if (!id) continue;
      if (!types.has(id)) errors.set(i, `group ${id} was deleted`);
      else if (types.get(id) !== 'static') errors.set(i, `group ${id} is dynamic: its members come from its rule`);
    }
  });
  return errors;
}

/** Adds to and removes from static groups (already checked), a few statements for many customers. */
export async function applyGroups(m: EntityManager, tenantId: number, items: { node: UpdateCustomerNode; customerId: number }[]): Promise<void> {
  const adds = items.filter((i) => i.node.addToGroupId);
  if (adds.length) {
    await m.query('INSERT IGNORE INTO group_members (groupId, customerId, tenantId) VALUES ?',
      [adds.map((i) => [i.node.addToGroupId, i.customerId, tenantId])]);
  }
  const removes = new Map<number, number[]>();
  for (const i of items.filter((x) => x.node.removeFromGroupId)) {
    removes.set(i.node.removeFromGroupId!, [...(removes.get(i.node.removeFromGroupId!) ?? []), i.customerId]);
  }
  for (const [groupId, customerIds] of removes) {
    await m.query('DELETE FROM group_members WHERE groupId = ? AND customerId IN (?)', [groupId, customerIds]);
  }
}

export interface WebhookNodeResult {
  deliveryId: string;
  outcome: 'delivered' | 'failed';
  response: ReturnType<typeof responseForContext>;
  error?: string;
  [key: string]: unknown;
}

/** What `nodes.<id>` holds once the node's message settled. */
export function webhookResult(
  deliveryId: string,
  delivery: { status: string; lastError: string | null },
  attempt: Parameters<typeof responseForContext>[0],
): WebhookNodeResult {
  const delivered = delivery.status === 'delivered';
  const result: WebhookNodeResult = { deliveryId, outcome: delivered ? 'delivered' : 'failed', response: responseForContext(attempt) };
  if (!delivered) result.error = `message ${delivery.status}${delivery.lastError ? `: ${delivery.lastError}` : ''}`;
  return result;
}
