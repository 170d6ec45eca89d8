/** Spec fixtures for journey runs: a run row and a cursor at a node, the checks' problems as [path, code]. Test-only. */
import type { CustomerShape } from '../../customers/customer-shape';
import { problemCollector } from '../definition-checks';
import { JourneyGraph } from '../journey-interpreter';
import type { JourneyRun } from '../journey-run.entity';
import type { JourneyNode } from '../nodes';
import type { NodeType } from '../nodes/node-type';
import { RunCursor } from '../run-cursor';

export const FIXTURE_NOW = new Date('2030-01-01T00:00:00Z');

/** A run of journey 3, version 4, active at `nodeId`, with `over` on top. */
export function runRow(over: Partial<JourneyRun> = {}): JourneyRun {
  return {
    id: 7,
    tenantId: 1,
    journeyId: 3,
    versionId: 4,
    customerId: null,
    occurrenceKey: 'event:1',
    entryKey: null,
    status: 'active',
    nodeId: 'start',
    dueAt: FIXTURE_NOW,
    waitingDeliveryId: null,
    context: { trigger: {}, vars: {}, nodes: {} },
    openStep: null,
    steps: 0,
    error: null,
    claimToken: 't',
    lockedUntil: null,
    finishedAt: null,
    createdAt: FIXTURE_NOW,
    updatedAt: FIXTURE_NOW,
    ...over,
  } as JourneyRun;
}

/** A cursor at `node` (followed by an end node `done`, unless `nodes` is given), for `customer`. */
export function cursorAt(
  node: JourneyNode,
  options: { run?: Partial<JourneyRun>; customer?: CustomerShape | null; nodes?: JourneyNode[]; journeyName?: string } = {},
): RunCursor {
  const customer = options.customer ?? null;
  const run = runRow({ nodeId: node.id, customerId: customer?.id ?? null, ...options.run });
  const nodes = options.nodes ?? [node, { id: 'done', type: 'end' }];
  return new RunCursor(run, new JourneyGraph({ nodes }), { id: 3, name: options.journeyName ?? 'j', version: 1 }, customer);
}

/** What a node type's checks say of `node` at `path`, as [path, code] pairs. */
export function problemsOf(type: Pick<NodeType, 'validate'>, node: Record<string, unknown>, path: string): [string, string][] {
  const { problems, add } = problemCollector();
  type.validate(node, path, { nodes: [], add, addAll: (p) => problems.push(...p) });
  return problems.map((p) => [p.path, p.code]);
}
