import { problemCollector } from '../definition-checks';
import { conditionNode, ConditionNode } from './condition';

const check: ConditionNode = { id: 'big', type: 'condition', rule: { field: 'trigger.amount', op: '>', value: 100 }, then: 'vip', else: 'done' };
const scope = (amount: number) => ({ customer: null, context: { trigger: { amount }, vars: {}, nodes: {} } });

describe('condition node', () => {
  it('decides in memory: then when the rule holds, else otherwise', () => {
    expect(conditionNode.decide!(check, scope(120), 'r1')).toEqual({ outcome: 'then', branch: 'then' });
    expect(conditionNode.decide!(check, scope(80), 'r1')).toEqual({ outcome: 'else', branch: 'else' });
    expect(conditionNode.successor(check, 'then')).toBe('vip');
    expect(conditionNode.successor(check, 'else')).toBe('done');
    expect(conditionNode.successor({ ...check, else: undefined }, 'else')).toBeNull();
    expect(conditionNode.links).toEqual(['then', 'else']);
  });

  it('checks its rule over the run fields, where nodes.<id> must be a webhook node', () => {
    const problems = (rule: unknown) => {
      const { problems, add } = problemCollector();
      conditionNode.validate({ rule }, 'nodes[1]', {
        nodes: [
          { id: 'crm', type: 'webhook' },
          { id: 'pause', type: 'wait' },
        ],
        add,
        addAll: (p) => problems.push(...p),
      });
      return problems.map((p) => [p.path, p.code]);
    };
    expect(problems({ field: 'nodes.crm.response.status', op: '=', value: 200 })).toEqual([]);
    expect(problems({ field: 'customer.attributes.city', op: '=', value: 'Shanghai' })).toEqual([]);
    expect(problems({ field: 'nodes.pause.response.status', op: '=', value: 200 })).toEqual([['nodes[1].rule.field', 'rule_unknown_field']]);
    expect(problems(undefined)).toEqual([['nodes[1].rule', expect.any(String)]]);
  });
});
