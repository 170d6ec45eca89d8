/**
 * The journey node types, in the order the API lists them. A new type is a file beside these
 * (its checks, its decision or effect, its links) and a line here — and its console file.
 */
import { conditionNode, ConditionNode } from './condition';
import { endNode, EndNode } from './end';
import type { AnyNode, Branch, NodeType } from './node-type';
import { updateCustomerNode, UpdateCustomerNode } from './update-customer';
import { waitNode, WaitNode } from './wait';
import { webhookNode, WebhookNode } from './webhook';

export type JourneyNode = WebhookNode | WaitNode | ConditionNode | UpdateCustomerNode | EndNode;
export type { ConditionNode, EndNode, UpdateCustomerNode, WaitNode, WebhookNode };

export const NODES: readonly NodeType<JourneyNode>[] = [
  webhookNode,
  waitNode,
  conditionNode,
  updateCustomerNode,
  endNode,
] as NodeType[] as NodeType<JourneyNode>[];
export const NODE_TYPES: readonly string[] = NODES.map((n) => n.type);

const byType = new Map<string, NodeType<JourneyNode>>(NODES.map((n) => [n.type, n]));

/** The type of a node (undefined for a type that does not exist: the definition's checks reject it). */
export function nodeType(type: string): NodeType<JourneyNode> | undefined {
  return byType.get(type);
}

/** The next node after a node finished with an outcome; null ends the run. */
export function successor(node: AnyNode, branch?: Branch): string | null {
  return byType.get(node.type)!.successor(node as JourneyNode, branch);
}

/** The nodes a node links to, by link field. */
export function links(node: AnyNode): [key: string, target: string][] {
  const out: [string, string][] = [];
  for (const key of byType.get(node.type)?.links ?? []) {
    const target = (node as unknown as Record<string, unknown>)[key];
    if (typeof target === 'string') out.push([key, target]);
  }
  return out;
}
