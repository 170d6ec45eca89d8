import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import { randomUUID } from 'crypto';
import { DataSource } from 'typeorm';
import { Env } from '../config/env';
import { CustomerLookup } from '../customers/customer-lookup.service';
import { CustomersService } from '../customers/customers.service';
import { DeliveriesService } from '../deliveries/deliveries.service';
import { DeliveryOutcomes } from '../deliveries/delivery-outcomes.service';
import { DeliveryQueue } from '../deliveries/delivery-queue.service';
import { GroupMembershipService } from '../groups/group-membership.service';
import { MetricsService } from '../metrics/metrics.service';
import { QUEUES } from '../queues/queues';
import { WebhookLookup } from '../webhooks/webhook-lookup.service';
import { JourneyGraph } from './journey-interpreter';
import type { JourneyRun } from './journey-run.entity';
import { JourneyNode, NODES, nodeType } from './nodes';
import type { EffectPorts, NodeType, NodeWork } from './nodes/node-type';
import { COUNT_SLOTS, countedOutcome, NodeCounts } from './node-counts';
import { RunCursor } from './run-cursor';
import { RunStarter } from './run-starter.service';
import { RunStore } from './run-store';
import { runsFinishedChannel } from './run-waiter.service';
import { VersionCache } from './version-cache';

/** How long a slice holds its runs before another worker may take them over. */
const CLAIM_MS = 60_000;
/** A job may fire this early (timer granularity) and still claim its runs. */
const EARLY_TOLERANCE_MS = 50;
/** A slice whose round failed (a deadlock victim, a lost connection) steps its runs again this much later. */
const RETRY_SLICE_MS = 1_000;
const RETRY_SLICE_MAX_MS = 60_000;
/** Waits ending within the same window wake together, in one job. */
const WAKE_WINDOW_MS = 250;

/** The round's work per node type, for its transaction. */
type RoundWork = Map<NodeType<JourneyNode>, NodeWork<JourneyNode, unknown>[]>;

/**
 * Steps claimed runs as far as they can go now. Nodes decided in memory (conditions, ends) are
 * walked by the interpreter; each node with an effect (a message, a wait, a customer update) is
 * its type's to carry out (nodes/<type>.ts) and commits in one transaction together with the
 * run's new state and its step log, so a crash never repeats or loses an effect: the run's claim
 * expires and it resumes from the last commit. Many runs share each transaction.
 */
@Injectable()
export class JourneyExecutor {
  private readonly logger = new Logger(JourneyExecutor.name);
  private readonly ports: EffectPorts;
  /** Runs whose slice failed, and how many times in a row (for the back-off). */
  private readonly failures = new Map<number, number>();

  constructor(
    private readonly db: DataSource,
    private readonly runs: RunStore,
    private readonly versions: VersionCache,
    private readonly lookup: CustomerLookup,
    customers: CustomersService,
    webhooks: WebhookLookup,
    deliveries: DeliveriesService,
    deliveryQueue: DeliveryQueue,
    outcomes: DeliveryOutcomes,
    groups: GroupMembershipService,
    private readonly starter: RunStarter,
    private readonly nodeCounts: NodeCounts,
    private readonly metrics: MetricsService,
    private readonly env: Env,
    @InjectQueue(QUEUES.journeys) private readonly queue: Queue,
  ) {
    this.ports = { webhooks, deliveries, deliveryQueue, outcomes, customers, groups, metrics, logger: this.logger };
  }

  async runSlice(runIds: number[]): Promise<void> {
    const token = randomUUID();
    const now = Date.now();
    const runs = await this.runs.claim(runIds, token, new Date(now + CLAIM_MS), new Date(now + EARLY_TOLERANCE_MS), new Date(now));
    if (!runs.length) return;
    const ids = runs.map((r) => r.id);
    try {
      await this.step(runs, token);
      if (this.failures.size) for (const id of ids) this.failures.delete(id);
    } catch (error) {
      // The failed round rolled back; its runs are as last committed. Handed back now (not held until the
      // claim expires, a minute) and stepped again shortly: a deadlock victim costs a second, not a minute.
      // Runs that keep failing back off (1, 2, 4 … 60 s), so a slice that cannot succeed does not spin.
      const failed = Math.max(...ids.map((id) => this.failures.get(id) ?? 0)) + 1;
      if (this.failures.size > 100_000) this.failures.clear();
      for (const id of ids) this.failures.set(id, failed);
      const delay = Math.min(RETRY_SLICE_MAX_MS, RETRY_SLICE_MS * 2 ** (failed - 1));
      this.logger.error(`journey slice of ${ids.length} run(s) failed (${(error as Error).message}); stepping them again in ${delay} ms`);
      await this.runs.release(ids, token);
      await this.starter.enqueue(ids, new Date(Date.now() + delay));
    }
  }

  private async step(runs: JourneyRun[], token: string): Promise<void> {
    let cursors = await this.cursors(runs);
    await this.resume(cursors);
    for (let round = 0; cursors.some((c) => c.running) || round === 0; round++) {
      const now = new Date();
      const work: RoundWork = new Map();
      for (const cursor of cursors.filter((c) => c.running)) {
        const effect = walkInMemory(cursor, now);
        if (effect) await this.start(cursor, effect, work, now);
      }
      // Terminates: every round costs each running run a step, and a run has at most MAX_RUN_STEPS.
      cursors = await this.commit(token, cursors, work, now);
    }
  }

  private async cursors(runs: JourneyRun[]): Promise<RunCursor[]> {
    const versions = await this.versions.get(runs.map((r) => r.versionId));
    const customers = await this.lookup.byIds(runs.map((r) => r.customerId).filter((x): x is number => !!x));
    return runs.map((run) => {
      const v = versions.get(run.versionId)!;
      return new RunCursor(
        run,
        new JourneyGraph(v.definition),
        { id: run.journeyId, name: v.name, version: v.version },
        customers.get(run.customerId ?? 0) ?? null,
      );
    });
  }

  /** The node's effect starts; work it answers waits for the round's commit. */
  private async start(cursor: RunCursor, node: JourneyNode, work: RoundWork, now: Date): Promise<void> {
    const type = nodeType(node.type)!;
    if (!type.effect) return cursor.fail(`node ${node.id} (${node.type}) has nothing to do`, now);
    const answer = await type.effect.start(cursor, node, this.ports, now);
    if (answer === undefined) return;
    if (!work.has(type)) work.set(type, []);
    work.get(type)!.push({ run: cursor, node, work: answer });
  }

  /** Runs that waited: each type wakes its own (a wait ended, a message settled), all of a type together. */
  private async resume(cursors: RunCursor[]): Promise<void> {
    const now = new Date();
    const byType = new Map<NodeType<JourneyNode>, { run: RunCursor; node: JourneyNode }[]>();
    for (const cursor of cursors.filter((c) => c.status === 'waiting')) {
      const node = cursor.currentNode();
      const type = node && nodeType(node.type);
      if (!node) {
        cursor.fail(`node ${cursor.nodeId} is not in this version`, now);
        continue;
      }
      if (!type?.effect?.resume) {
        cursor.fail(`node ${node.id} (${node.type}) cannot hold a waiting run`, now);
        continue;
      }
      if (!byType.has(type)) byType.set(type, []);
      byType.get(type)!.push({ run: cursor, node });
    }
    for (const [type, runs] of byType) await type.effect!.resume!(runs, this.ports, now);
  }

  /**
   * One transaction for the round: re-checks the claims under row locks, carries out the node
   * types' work (customer updates, messages), stores the step log and run states. Answers the
   * cursors still held (lost claims drop out).
   */
  private async commit(token: string, cursors: RunCursor[], work: RoundWork, now: Date): Promise<RunCursor[]> {
    let kept: RunCursor[] = [];
    const heldWork: RoundWork = new Map();
    await this.db.transaction(async (m) => {
      const held = await this.runs.lockHeld(
        m,
        cursors.map((c) => c.run.id),
        token,
      );
      kept = cursors.filter((c) => held.has(c.run.id));
      if (kept.length < cursors.length) this.logger.warn(`${cursors.length - kept.length} journey run(s) were taken over or cancelled meanwhile`);
      // In the registry's order, so every round takes its locks in the same order.
      for (const type of NODES) {
        const mine = (work.get(type) ?? []).filter((w) => held.has(w.run.run.id));
        heldWork.set(type, mine);
        if (mine.length) await type.effect!.commit?.(m, mine, this.ports, now);
      }
      // Runs an effect moved on walk their in-memory nodes now, in this commit: a run whose last effect
      // was this one completes here instead of costing the slice another round (and transaction).
      for (const c of kept) if (c.running) walkInMemory(c, now);
      await this.runs.insertSteps(
        m,
        kept.flatMap((c) => c.newSteps),
      );
      await this.runs.save(m, kept, token, new Date(Date.now() + CLAIM_MS));
      // Last, so the shared counter rows are locked for the shortest time.
      await this.nodeCounts.add(m, countedSteps(kept), Math.floor(Math.random() * COUNT_SLOTS));
    });
    for (const [type, items] of heldWork) if (items.length) await type.effect!.committed?.(items, this.ports);
    // Waits, and runs retrying a node later: both stopped with a due time.
    await this.wakeLater(kept.filter((c) => !c.running && c.dueAt));
    const finished = kept.filter((c) => c.finishedAt).map((c) => c.run.id);
    if (finished.length) await this.queue.client.publish(runsFinishedChannel(this.env), JSON.stringify(finished)).catch(() => undefined);
    for (const c of kept) {
      for (const s of c.newSteps) if (!nodeType(s.nodeType)?.countsOwnSteps) this.metrics.journeySteps.inc({ type: s.nodeType, outcome: s.outcome });
      if (c.finishedAt) this.metrics.journeyRuns.inc({ outcome: c.status });
      c.newSteps.length = 0;
      c.contextChanged = false;
    }
    return kept.filter((c) => c.running);
  }

  /** Delayed step jobs for runs in a wait, grouped by when they wake. */
  private async wakeLater(cursors: RunCursor[]): Promise<void> {
    const byWindow = new Map<number, number[]>();
    for (const c of cursors) {
      const window = Math.ceil(c.dueAt!.getTime() / WAKE_WINDOW_MS) * WAKE_WINDOW_MS;
      byWindow.set(window, [...(byWindow.get(window) ?? []), c.run.id]);
    }
    for (const [window, ids] of byWindow) await this.starter.enqueue(ids, new Date(window));
  }
}

/**
 * Walks the run through the nodes decided in memory (conditions, splits, ends): it completes, fails,
 * or stops at a node with an effect, which is answered (to start). From an effect node: no step.
 */
function walkInMemory(cursor: RunCursor, now: Date): JourneyNode | undefined {
  const walk = cursor.graph.walk(cursor.nodeId, cursor.scope, cursor.steps, now, String(cursor.run.id));
  cursor.recordSteps(walk.steps);
  cursor.nodeId = walk.nodeId;
  if (walk.halt.kind === 'completed') cursor.complete(now);
  else if (walk.halt.kind === 'failed') cursor.fail(walk.halt.error, now);
  else return walk.halt.node;
  return undefined;
}

/** The round's finished steps, for the per-node counts (test runs never count). */
function countedSteps(cursors: RunCursor[]) {
  return cursors
    .filter((c) => !c.run.test)
    .flatMap((c) => c.newSteps.map((s) => ({ journeyId: c.run.journeyId, versionId: c.run.versionId, nodeId: s.nodeId, outcome: countedOutcome(s) })));
}
