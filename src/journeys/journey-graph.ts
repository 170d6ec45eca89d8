/** Graph checks of a journey: every node reachable from start, and no loop without a wait. Pure. */
import type { FieldProblem } from '../common/api-error';
import { JourneyNode, links, nodeType } from './nodes';

/** Whether a loop may pass through the node (a wait): a loop without one would spin. */
const pauses = (node: JourneyNode) => !!nodeType(node.type)?.pauses;

/** Each problem at its path, with a code; the definition's links are already known to name nodes. */
export function graphErrors(def: { start: string; nodes: JourneyNode[] }): FieldProblem[] {
  const errors: FieldProblem[] = [];
  const index = new Map(def.nodes.map((n, i) => [n.id, i]));
  const byId = new Map(def.nodes.map((n) => [n.id, n]));

  const reached = new Set<string>([def.start]);
  const queue = [def.start];
  while (queue.length) {
    for (const [, target] of links(byId.get(queue.shift()!)!)) {
      if (!reached.has(target)) {
        reached.add(target);
        queue.push(target);
      }
    }
  }
  def.nodes.forEach((n, i) => {
    const path = `nodes[${i}]`;
    if (!reached.has(n.id)) errors.push({ path, code: 'unreachable_node', params: { id: n.id }, message: `${path} (${n.id}) is not reachable from start` });
  });

  // A loop is only allowed through a wait node (one that pauses): look for cycles among the other nodes.
  const state = new Map<string, 'open' | 'done'>();
  const trail: string[] = [];
  const visit = (id: string): boolean => {
    state.set(id, 'open');
    trail.push(id);
    for (const [key, target] of links(byId.get(id)!)) {
      if (pauses(byId.get(target)!)) continue;
      if (state.get(target) === 'open') {
        const loop = [...trail.slice(trail.indexOf(target)), target].join(' → ');
        const path = `nodes[${index.get(id)}].${key}`;
        errors.push({ path, code: 'loop_without_wait', params: { loop }, message: `${path} closes a loop with no wait node in it (${loop})` });
        return true;
      }
      if (!state.has(target) && visit(target)) return true;
    }
    trail.pop();
    state.set(id, 'done');
    return false;
  };
  for (const n of def.nodes) if (!pauses(n) && !state.has(n.id) && visit(n.id)) break;
  return errors;
}
