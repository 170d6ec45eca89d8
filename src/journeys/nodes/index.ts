/**
 * The journey node types, in the order the API lists them. A new type is a file beside these
 * (its checks, its decision or effect, its links) and a line here — and its console file.
 */
import { conditionNode, ConditionNode } from './condition';
import { endNode, EndNode } from './end';
import type { AnyNode, Branch, NodeType } from './node-type';
import { splitNode, SplitNode } from './split';
import { updateCustomerNode, UpdateCustomerNode } from './update-customer';
import { waitNode, WaitNode } from './wait';
import { webhookNode, WebhookNode } from './webhook';

export type JourneyNode = WebhookNode | WaitNode | ConditionNode | SplitNode | UpdateCustomerNode | EndNode;
export type { ConditionNode, EndNode, SplitNode, UpdateCustomerNode, WaitNode, WebhookNode };

export const NODES: readonly NodeType<JourneyNode>[] = [
  webhookNode,
  waitNode,
  conditionNode,
  splitNode,
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

/** A node's links as given (the definition's checks read them before they are known to be sound): [path in the node, target]. */
export function linkEntries(node: AnyNode | Record<string, unknown>): [path: string, target: unknown][] {
  const type = byType.get(node.type as string);
  if (!type) return [];
  const fields = node as unknown as Record<string, unknown>;
  return [...type.links.map((key) => [key, fields[key]] as [string, unknown]), ...(type.linksOf?.(fields) ?? [])];
}

/** The nodes a node links to, by the path of the link in the node (`next`, `branches[1].next`). */
export function links(node: AnyNode): [key: string, target: string][] {
  return linkEntries(node).filter((e): e is [string, string] => typeof e[1] === 'string');
}
