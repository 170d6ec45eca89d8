/** end: ends the run (completed). */
import type { NodeBase, NodeType } from './node-type';

export interface EndNode extends NodeBase {
  type: 'end';
}

export const endNode: NodeType<EndNode> = {
  type: 'end',
  fields: [],
  links: [],
  validate() {
    // Nothing of its own.
  },
  decide: () => ({ outcome: 'done' }),
  successor: () => null,
};
