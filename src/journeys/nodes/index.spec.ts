import { links, NODE_TYPES, NODES, nodeType, successor } from '.';
import { endNode } from './end';

describe('the node registry', () => {
  it('lists the node types in the order the API names them', () => {
    expect(NODE_TYPES).toEqual(['webhook', 'wait', 'condition', 'split', 'update_customer', 'end']);
    expect(nodeType('wait')).toBe(NODES[1]);
    expect(nodeType('sms')).toBeUndefined();
  });

  it('gives every type its fields, its links among them, and either a decision or an effect', () => {
    for (const t of NODES) {
      for (const link of t.links) expect(t.fields).toContain(link);
      expect(!!t.decide !== !!t.effect).toBe(true);
    }
  });

  it('follows links by type', () => {
    expect(links({ id: 'c', type: 'condition', then: 'a', else: 'b' } as never)).toEqual([
      ['then', 'a'],
      ['else', 'b'],
    ]);
    expect(links({ id: 'w', type: 'webhook', webhookId: 1 } as never)).toEqual([]);
    expect(successor({ id: 'w', type: 'wait', next: 'x' } as never)).toBe('x');
    const split = {
      id: 's',
      type: 'split',
      branches: [
        { label: 'A', percent: 50, next: 'a' },
        { label: 'B', percent: 50 },
      ],
    };
    expect(links(split as never)).toEqual([['branches[0].next', 'a']]);
    expect(successor(split as never, 0)).toBe('a');
    expect(successor(split as never, 1)).toBeNull();
  });

  it('an end decides done and ends the run', () => {
    expect(endNode.decide!({ id: 'e', type: 'end' }, { customer: null, context: { trigger: {}, vars: {}, nodes: {} } }, 'r1')).toEqual({ outcome: 'done' });
    expect(endNode.successor({ id: 'e', type: 'end' })).toBeNull();
  });
});
