/**
 * Every journey node type the console draws and edits, in the palette's order. A new type is its
 * file beside these (see kind.ts), one line here, and its texts in i18n/*-automation.ts; a type the
 * API has and this list lacks fails the type-check.
 */
import type { NodeType } from '../../../../lib/models';
import { conditionNode } from './condition';
import { endNode } from './end';
import type { NodeKind } from './kind';
import { splitNode } from './split';
import { updateCustomerNode } from './update_customer';
import { waitNode } from './wait';
import { webhookNode } from './webhook';

export const NODES: Record<NodeType, NodeKind> = {
  webhook: webhookNode,
  wait: waitNode,
  condition: conditionNode,
  split: splitNode,
  update_customer: updateCustomerNode,
  end: endNode,
};

export const NODE_TYPES = Object.keys(NODES) as NodeType[];
