import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { StepOutcome } from './journey-step.entity';

/** How many slot rows a (journey, version, node, outcome) is spread over (see JourneyNodeCount). */
export const COUNT_SLOTS = 8;

/** Outcomes that end a node badly; every other logged outcome is "done" (then/else and branch:<i> also say the branch). */
const FAILED: ReadonlySet<string> = new Set<StepOutcome>(['failed', 'error', 'cancelled']);

export interface NodeCount {
  nodeId: string;
  /** Runs that reached the node: done + failed + waiting (a run looping through a wait counts each time). */
  entered: number;
  /** Runs parked at it now (in a wait, waiting for a message, or due to run it). */
  waiting: number;
  done: number;
  failed: number;
  /** A condition's branches: how many runs went each way. */
  then: number;
  else: number;
  /** A split's branches: how many runs took each, by branch index (empty for other nodes). */
  branches: number[];
}

/** The counter key of a finished step: its outcome, or `branch:<i>` for a step that took branch i of a split. */
export function countedOutcome(step: { outcome: string; detail?: Record<string, unknown> | null }): string {
  const branch = step.detail?.branch;
  return typeof branch === 'number' ? `branch:${branch}` : step.outcome;
}
const BRANCH = /^branch:(\d+)$/;

/** A finished step to count: the journey version and node it ran. */
export interface CountedStep {
  journeyId: number;
  versionId: number;
  nodeId: string;
  outcome: string;
}

/** How long an answer is shared: every open canvas asks every 3 s, and a journey with a million runs parked costs ≈ 1 s to count. */
const SHARED_MS = 2_000;

/** Per-node counts of a journey version: finished steps from the counter rows, runs parked from the runs' index. */
@Injectable()
export class NodeCounts {
  private readonly recent = new Map<string, { at: number; answer: Promise<NodeCount[]> }>();

  constructor(private readonly db: DataSource) {}

  /** Adds a round's finished steps, in its transaction: one upsert, rows in key order (so rounds lock them in the same order). */
  async add(m: EntityManager, steps: CountedStep[], slot: number): Promise<void> {
    const byKey = new Map<string, [number, number, string, string, number, number]>();
    for (const s of steps) {
      const key = `${s.journeyId}\u0000${s.versionId}\u0000${s.nodeId}\u0000${s.outcome}`;
      const row = byKey.get(key);
      if (row) row[5]++;
      else byKey.set(key, [s.journeyId, s.versionId, s.nodeId, s.outcome, slot, 1]);
    }
    if (!byKey.size) return;
    const rows = [...byKey.values()].sort((a, b) => a[0] - b[0] || a[1] - b[1] || cmp(a[2], b[2]) || cmp(a[3], b[3]));
    await m.query('INSERT INTO journey_node_counts (journeyId, versionId, nodeId, outcome, slot, n) VALUES ? ON DUPLICATE KEY UPDATE n = n + VALUES(n)', [
      rows,
    ]);
  }

  /** Each node's counts in a journey version (nodes nobody reached are left out), shared for SHARED_MS between askers. Test runs never count. */
  forVersion(journeyId: number, versionId: number): Promise<NodeCount[]> {
    const key = `${journeyId}:${versionId}`;
    const now = Date.now();
    const hit = this.recent.get(key);
    if (hit && now - hit.at < SHARED_MS) return hit.answer;
    for (const [k, v] of this.recent) if (now - v.at >= SHARED_MS) this.recent.delete(k);
    const answer = this.count(journeyId, versionId);
    this.recent.set(key, { at: now, answer });
    answer.catch(() => this.recent.delete(key));
    return answer;
  }

  private async count(journeyId: number, versionId: number): Promise<NodeCount[]> {
    const [finished, parked]: [{ nodeId: string; outcome: string; n: string }[], { nodeId: string; n: string }[]] = await Promise.all([
      this.db.query('SELECT nodeId, outcome, SUM(n) AS n FROM journey_node_counts WHERE journeyId = ? AND versionId = ? GROUP BY nodeId, outcome', [
        journeyId,
        versionId,
      ]),
      // Index-only on IDX_journey_runs_node (journeyId, test, status, versionId, nodeId).
      this.db.query(
        "SELECT nodeId, COUNT(*) AS n FROM journey_runs WHERE journeyId = ? AND test = 0 AND status IN ('active', 'waiting') AND versionId = ? AND nodeId IS NOT NULL GROUP BY nodeId",
        [journeyId, versionId],
      ),
    ]);
    return tallyNodeCounts(finished, parked);
  }
}

/** Each node's counts from the finished steps by outcome and the runs parked at it. Pure. */
export function tallyNodeCounts(
  finished: { nodeId: string; outcome: string; n: string | number }[],
  parked: { nodeId: string; n: string | number }[],
): NodeCount[] {
  const out = new Map<string, NodeCount>();
  const at = (nodeId: string) => {
    let c = out.get(nodeId);
    if (!c) out.set(nodeId, (c = { nodeId, entered: 0, waiting: 0, done: 0, failed: 0, then: 0, else: 0, branches: [] }));
    return c;
  };
  for (const r of finished) {
    const c = at(r.nodeId);
    const n = Number(r.n);
    if (FAILED.has(r.outcome)) c.failed += n;
    else c.done += n;
    if (r.outcome === 'then') c.then += n;
    if (r.outcome === 'else') c.else += n;
    const branch = BRANCH.exec(r.outcome);
    if (branch) {
      const i = Number(branch[1]);
      while (c.branches.length <= i) c.branches.push(0);
      c.branches[i] += n;
    }
    c.entered += n;
  }
  for (const r of parked) {
    const c = at(r.nodeId);
    c.waiting += Number(r.n);
    c.entered += Number(r.n);
  }
  return [...out.values()];
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
