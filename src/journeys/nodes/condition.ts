/** condition: goes to `then` when its rule holds for the run, `else` otherwise (a missing branch ends the run). */
import { evaluateRule } from '../../groups/rule-eval';
import { Rule, validateRule } from '../../groups/segment-rule';
import { isObject } from '../definition-checks';
import { CONDITION_FIELD_HINT, conditionFieldKind, readField } from '../journey-fields';
import type { NodeBase, NodeType } from './node-type';

export interface ConditionNode extends NodeBase {
  type: 'condition';
  rule: Rule;
  then?: string;
  else?: string;
}

export const conditionNode: NodeType<ConditionNode> = {
  type: 'condition',
  fields: ['rule', 'then', 'else'],
  links: ['then', 'else'],

  validate(node, path, { nodes, addAll }) {
    // Its rule may read the responses of webhook nodes (nodes.<id>.response…).
    const webhookIds = new Set(nodes.filter((n) => isObject(n) && n.type === 'webhook').map((n) => (n as { id: string }).id));
    addAll(validateRule(node.rule, `${path}.rule`, (f) => conditionFieldKind(f, webhookIds), CONDITION_FIELD_HINT));
  },

  decide(node, scope) {
    const branch = evaluateRule(node.rule, (field) => readField(field, scope)) ? 'then' : 'else';
    return { outcome: branch, branch };
  },

  successor: (node, branch) => (branch === 'then' ? node.then : node.else) ?? null,
};
