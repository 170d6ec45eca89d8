/**
 * How a run moves through its graph, without side effects: nodes decided in memory (conditions,
 * splits, ends) are decided here; a node with an effect (a webhook, a wait, an update_customer) stops the
 * walk and is the executor's to carry out. Each node type says which it is (nodes/<type>.ts). Pure.
 */
import type { StepOutcome } from './journey-step.entity';
import type { Scope } from './journey-fields';
import { JourneyNode, nodeType } from './nodes';

export { readField, type Scope } from './journey-fields';

/** A run may run at most this many nodes in its life (a loop through a wait runs forever otherwise). */
export const MAX_RUN_STEPS = 1_000;

export interface DecidedStep {
  node: JourneyNode;
  outcome: StepOutcome;
  at: Date;
  detail?: Record<string, unknown>;
}

export type Halt = { kind: 'completed' } | { kind: 'failed'; error: string } | { kind: 'effect'; node: JourneyNode };

export class JourneyGraph {
  private readonly byId: Map<string, JourneyNode>;

  constructor(readonly definition: { nodes: JourneyNode[] }) {
    this.byId = new Map(definition.nodes.map((n) => [n.id, n]));
  }

  node(id: string): JourneyNode | undefined {
    return this.byId.get(id);
  }

  /**
   * Walks from `nodeId` through the nodes decided in memory until a node with an effect, the end
   * of the graph, or the step budget. `stepsSoFar` counts the run's nodes before this walk; `runId`
   * is what a split's branch depends on (the same run always takes the same branch).
   */
  walk(nodeId: string | null, scope: Scope, stepsSoFar: number, now: Date, runId: string): { steps: DecidedStep[]; nodeId: string | null; halt: Halt } {
    const steps: DecidedStep[] = [];
    let current = nodeId;
    for (;;) {
      if (current === null) return { steps, nodeId: null, halt: { kind: 'completed' } };
      const node = this.byId.get(current);
      if (!node) return { steps, nodeId: current, halt: { kind: 'failed', error: `node ${current} is not in this version` } };
      if (stepsSoFar + steps.length >= MAX_RUN_STEPS) {
        return { steps, nodeId: current, halt: { kind: 'failed', error: `stopped after ${MAX_RUN_STEPS} steps (a loop?)` } };
      }
      const type = nodeType(node.type);
      if (!type) return { steps, nodeId: current, halt: { kind: 'failed', error: `node ${current} has an unknown type (${node.type})` } };
      if (!type.decide) return { steps, nodeId: current, halt: { kind: 'effect', node } };
      const { outcome, branch, detail } = type.decide(node, scope, runId);
      steps.push({ node, outcome, at: now, ...(detail ? { detail } : {}) });
      current = type.successor(node, branch);
    }
  }
}
