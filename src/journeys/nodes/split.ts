/**
 * split: sends each run down one of 2–5 branches by percentage (an A/B test). The branch is a pure
 * function of the run and the node, so a run that is resumed or re-executed takes the same one.
 */
import { createHash } from 'crypto';
import { isObject } from '../definition-checks';
import type { NodeBase, NodeType } from './node-type';

export interface SplitBranch {
  /** What the marketer calls it (A, 对照组, 方案A); unique in the node. */
  label: string;
  /** Whole percent, 0–100; the node's add up to 100. */
  percent: number;
  next?: string;
}

export interface SplitNode extends NodeBase {
  type: 'split';
  branches: SplitBranch[];
}

export const SPLIT_LIMITS = { minBranches: 2, maxBranches: 5, label: 40 };

/** The run's bucket at the node, 0–99: the first 32 bits of sha256(runId:nodeId), mod 100 (bias under 1e-7). */
export function splitBucket(runId: string, nodeId: string): number {
  return createHash('sha256').update(`${runId}:${nodeId}`).digest().readUInt32BE(0) % 100;
}

/** The branch whose cumulative share holds the bucket: percents [10, 45, 45] give buckets 0–9 → 0, 10–54 → 1, 55–99 → 2. A 0 % branch is never taken. */
export function branchForBucket(percents: readonly number[], bucket: number): number {
  let upTo = 0;
  for (const [i, p] of percents.entries()) {
    upTo += p;
    if (bucket < upTo) return i;
  }
  return percents.length - 1;
}

/** Which branch a run takes at a split node, and why (its bucket). */
export function splitBranch(node: Pick<SplitNode, 'id' | 'branches'>, runId: string): { branch: number; bucket: number } {
  const bucket = splitBucket(runId, node.id);
  return {
    branch: branchForBucket(
      node.branches.map((b) => b.percent),
      bucket,
    ),
    bucket,
  };
}

export const splitNode: NodeType<SplitNode> = {
  type: 'split',
  fields: ['branches'],
  links: [],
  linksOf: (node) =>
    Array.isArray(node.branches) ? node.branches.map((b, i) => [`branches[${i}].next`, isObject(b) ? b.next : undefined] as [string, unknown]) : [],

  validate(node, path, { add }) {
    const branches = node.branches;
    const { minBranches: min, maxBranches: max, label: maxLabel } = SPLIT_LIMITS;
    if (!Array.isArray(branches))
      return add(`${path}.branches`, 'is_array', `must be an array of ${min} to ${max} branches {label, percent, next}`, { min, max });
    if (branches.length < min) return add(`${path}.branches`, 'array_min_size', `must have at least ${min} branches`, { min });
    if (branches.length > max) return add(`${path}.branches`, 'array_max_size', `must have at most ${max} branches`, { max });
    // The total first: it is the problem a marketer fixes first (the canvas shows a node's first problems).
    const percent = (b: unknown) =>
      isObject(b) && Number.isInteger(b.percent) && (b.percent as number) >= 0 && (b.percent as number) <= 100 ? (b.percent as number) : null;
    if (branches.every((b) => percent(b) !== null)) {
      const sum = branches.reduce((s: number, b) => s + percent(b)!, 0);
      if (sum !== 100) add(`${path}.branches`, 'split_sum', `percentages add up to ${sum}, not 100`, { sum });
    }
    const labels = new Map<string, number>();
    branches.forEach((b, i) => {
      const at = `${path}.branches[${i}]`;
      if (!isObject(b)) return add(at, 'is_object', 'must be an object {label, percent, next}');
      for (const key of Object.keys(b))
        if (!['label', 'percent', 'next'].includes(key)) add(`${at}.${key}`, 'unknown_field', 'is not a field of a branch', { type: 'split' });
      const label = typeof b.label === 'string' ? b.label.trim() : '';
      if (typeof b.label !== 'string' || !label) add(`${at}.label`, 'required', 'must name the branch (A, B, 对照组…)');
      else if (b.label.length > maxLabel) add(`${at}.label`, 'max_length', `must be at most ${maxLabel} characters`, { max: maxLabel });
      else if (labels.has(label))
        add(`${at}.label`, 'duplicate_branch_label', `repeats the label of branches[${labels.get(label)}] (${label})`, { index: labels.get(label)!, label });
      else labels.set(label, i);
      if (percent(b) === null) add(`${at}.percent`, 'is_int', 'must be a whole percent from 0 to 100', { min: 0, max: 100 });
      if (b.next === undefined || b.next === null)
        add(`${at}.next`, 'branch_unlinked', 'must link the branch to a node (an end node to stop there)', { label: label || `#${i + 1}` });
    });
  },

  decide(node, _scope, runId) {
    const { branch, bucket } = splitBranch(node, runId);
    const { label, percent } = node.branches[branch];
    return { outcome: 'done', branch, detail: { branch, label, percent, bucket } };
  },

  successor: (node, branch) => (typeof branch === 'number' ? node.branches[branch]?.next : undefined) ?? null,
};
