/**
 * One claimed run while the executor steps it: its state as it will be written back, and the step
 * log rows it produced since the last commit. No database access here.
 */
import { customerView } from '../customers/customer-template-view';
import type { Scope } from './journey-fields';
import { DecidedStep, JourneyGraph } from './journey-interpreter';
import type { JourneyRun, OpenStep, RunContext, RunStatus } from './journey-run.entity';
import type { JourneyStep, StepOutcome } from './journey-step.entity';
import { JourneyNode, successor } from './nodes';
import type { AnyNode, Branch, RunCustomer, RunPort } from './nodes/node-type';

export type NewStep = Omit<JourneyStep, 'id'>;

export class RunCursor implements RunPort {
  status: RunStatus;
  nodeId: string | null;
  dueAt: Date | null;
  waitingDeliveryId: string | null;
  error: string | null = null;
  finishedAt: Date | null = null;
  steps: number;
  context: RunContext;
  contextChanged = false;
  /** Still to be stepped in this slice (not waiting, not finished). */
  running: boolean;
  readonly newSteps: NewStep[] = [];
  /** The step in progress (kept on the run row; logged when it ends, so a step row is written once). */
  openStep: OpenStep | null;
  private customerViewCache?: Record<string, unknown> | null;

  constructor(
    readonly run: JourneyRun,
    readonly graph: JourneyGraph,
    readonly journey: { id: number; name: string; version: number },
    private customerRow: RunCustomer | null,
  ) {
    this.status = run.status;
    this.nodeId = run.nodeId;
    this.dueAt = run.dueAt;
    this.waitingDeliveryId = run.waitingDeliveryId;
    this.steps = run.steps;
    this.context = run.context;
    this.openStep = run.openStep;
    this.running = run.status === 'active';
  }

  get customer(): RunCustomer | null {
    return this.customerRow;
  }

  set customer(c: RunCustomer | null) {
    this.customerRow = c;
    this.customerViewCache = undefined;
  }

  get scope(): Scope {
    if (this.customerViewCache === undefined) this.customerViewCache = this.customerRow ? customerView(this.customerRow) : null;
    return { customer: this.customerViewCache, context: this.context };
  }

  /** Every namespace templates may read in this run. */
  templateContext(): Record<string, unknown> {
    return {
      ...this.context.vars,
      trigger: this.context.trigger,
      nodes: this.context.nodes,
      journey: { id: this.journey.id, name: this.journey.name, runId: String(this.run.id), version: this.journey.version },
    };
  }

  currentNode(): JourneyNode | undefined {
    return this.nodeId === null ? undefined : this.graph.node(this.nodeId);
  }

  /** Records finished steps decided by the interpreter. */
  recordSteps(steps: DecidedStep[]): void {
    for (const s of steps) this.log(s.node, s.outcome, s.at, s.at, s.detail);
  }

  log(
    node: AnyNode,
    outcome: StepOutcome,
    startedAt: Date,
    finishedAt: Date | null,
    detail?: Record<string, unknown> | null,
    deliveryId?: string | null,
  ): void {
    this.steps++;
    this.newSteps.push({
      tenantId: this.run.tenantId,
      runId: this.run.id,
      nodeId: node.id,
      nodeType: node.type,
      outcome,
      startedAt,
      finishedAt,
      deliveryId: deliveryId ?? null,
      detail: detail ?? null,
    });
  }

  moveTo(nodeId: string | null): void {
    this.nodeId = nodeId;
    this.status = 'active';
    this.dueAt = new Date();
    this.waitingDeliveryId = null;
    this.running = true;
  }

  /** After a node with an outcome: its successor, or the end of the run. */
  advance(node: AnyNode, branch?: Branch): void {
    this.moveTo(successor(node, branch));
  }

  complete(now: Date): void {
    this.status = 'completed';
    this.nodeId = null;
    this.dueAt = null;
    this.waitingDeliveryId = null;
    this.finishedAt = now;
    this.running = false;
  }

  fail(error: string, now: Date): void {
    this.status = 'failed';
    this.dueAt = null;
    this.waitingDeliveryId = null;
    this.error = error.slice(0, 500);
    this.finishedAt = now;
    this.running = false;
  }

  waitUntil(node: AnyNode, due: Date, now: Date): void {
    this.status = 'waiting';
    this.nodeId = node.id;
    this.dueAt = due;
    this.running = false;
    this.open(node, now, { until: due.toISOString() }, null);
  }

  waitForDelivery(node: AnyNode, deliveryId: string, now: Date, detail: Record<string, unknown>): void {
    this.status = 'waiting';
    this.nodeId = node.id;
    this.dueAt = null;
    this.waitingDeliveryId = deliveryId;
    this.running = false;
    this.open(node, now, detail, deliveryId);
  }

  private open(node: AnyNode, now: Date, detail: Record<string, unknown>, deliveryId: string | null): void {
    this.steps++;
    this.openStep = { nodeId: node.id, nodeType: node.type, startedAt: now.toISOString(), deliveryId, detail };
  }

  /** The step in progress ended: it joins the log. */
  closeStep(outcome: StepOutcome, now: Date, detail?: Record<string, unknown>): void {
    const open = this.openStep;
    if (!open) return;
    this.newSteps.push({
      tenantId: this.run.tenantId,
      runId: this.run.id,
      nodeId: open.nodeId,
      nodeType: open.nodeType,
      outcome,
      startedAt: new Date(open.startedAt),
      finishedAt: now,
      deliveryId: open.deliveryId,
      detail: { ...open.detail, ...detail },
    });
    this.openStep = null;
  }

  /** The node could not start for a passing reason: the run stays at it (released), due again at `due`. */
  retryAt(due: Date): void {
    this.status = 'active';
    this.dueAt = due;
    this.running = false;
  }

  /** Puts a run back to wait for its message (it was woken before the message settled). */
  keepWaiting(): void {
    this.status = 'waiting';
    this.dueAt = null;
    this.running = false;
  }

  setNodeResult(nodeId: string, result: Record<string, unknown>): void {
    this.context = { ...this.context, nodes: { ...this.context.nodes, [nodeId]: result } };
    this.contextChanged = true;
  }

  /** Whether the run is still claimed by this slice after the commit (it goes on stepping). */
  get keepsClaim(): boolean {
    return this.running;
  }
}
