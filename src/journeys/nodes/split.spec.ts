import { definitionProblems } from '../journey-definition';
import { branchForBucket, splitBranch, splitBucket, splitNode, type SplitNode } from './split';

const node = (percents: number[]): SplitNode => ({
  id: 'ab',
  type: 'split',
  branches: percents.map((percent, i) => ({ label: `B${i}`, percent, next: `n${i}` })),
});
const scope = { customer: null, context: { trigger: {}, vars: {}, nodes: {} } };

/** How many of `runs` run ids take each branch, as a share of them. */
function shares(n: SplitNode, runs: number): number[] {
  const taken = n.branches.map(() => 0);
  for (let id = 1; id <= runs; id++) taken[splitBranch(n, String(id)).branch]++;
  return taken.map((x) => x / runs);
}

describe('split node: which branch a run takes', () => {
  it.each([[[50, 50]], [[10, 45, 45]], [[20, 20, 20, 20, 20]], [[1, 99]], [[33, 33, 34]]])(
    'spreads 10,000 runs within ±2 %% of each percentage (%j)',
    (percents) => {
      const got = shares(node(percents), 10_000);
      got.forEach((share, i) => expect(Math.abs(share - percents[i] / 100)).toBeLessThanOrEqual(0.02));
    },
  );

  it('is a pure function of the run and the node: the same run always takes the same branch, another node draws anew', () => {
    const n = node([50, 50]);
    for (let id = 1; id <= 200; id++) expect(splitBranch(n, String(id))).toEqual(splitBranch(n, String(id)));
    expect(splitBucket('42', 'ab')).toBe(splitBucket('42', 'ab'));
    // Two split nodes in one journey are independent: a run's buckets at them differ for about 99 % of runs.
    let same = 0;
    for (let id = 1; id <= 1000; id++) if (splitBucket(String(id), 'first') === splitBucket(String(id), 'second')) same++;
    expect(same).toBeLessThan(30);
  });

  it('gives buckets 0–99, evenly', () => {
    const seen = new Array<number>(100).fill(0);
    for (let id = 1; id <= 20_000; id++) seen[splitBucket(String(id), 'ab')]++;
    expect(Math.min(...seen)).toBeGreaterThan(120);
    expect(Math.max(...seen)).toBeLessThan(280);
  });

  it('maps buckets to branches by cumulative percentage; a 0 % branch is never taken, a 100 % one always', () => {
    expect([0, 9, 10, 54, 55, 99].map((b) => branchForBucket([10, 45, 45], b))).toEqual([0, 0, 1, 1, 2, 2]);
    for (let b = 0; b < 100; b++) expect(branchForBucket([0, 100], b)).toBe(1);
    for (let b = 0; b < 100; b++) expect(branchForBucket([100, 0, 0], b)).toBe(0);
    expect(shares(node([0, 100, 0]), 2000)).toEqual([0, 1, 0]);
  });

  it('decides in memory and logs the branch in its own words: index, label, percentage and the bucket', () => {
    const n: SplitNode = {
      id: 'ab',
      type: 'split',
      branches: [
        { label: '对照组', percent: 10, next: 'c' },
        { label: '方案A', percent: 90, next: 'a' },
      ],
    };
    const decided = splitNode.decide!(n, scope, '7');
    const { branch, bucket } = splitBranch(n, '7');
    expect(decided).toEqual({ outcome: 'done', branch, detail: { branch, label: n.branches[branch].label, percent: n.branches[branch].percent, bucket } });
    expect(splitNode.successor(n, branch)).toBe(n.branches[branch].next);
  });
});

describe('split node: definition checks', () => {
  const def = (split: Record<string, unknown>) => ({
    trigger: { type: 'group_entry', groupId: 1 },
    start: 'ab',
    nodes: [
      { id: 'ab', type: 'split', ...split },
      { id: 'a', type: 'end' },
      { id: 'b', type: 'end' },
    ],
  });
  const problems = (split: Record<string, unknown>) => definitionProblems(def(split)).map((p) => [p.path, p.code]);

  it('accepts 2–5 labelled branches adding up to 100, each linked (0 % allowed)', () => {
    expect(
      problems({
        branches: [
          { label: 'A', percent: 50, next: 'a' },
          { label: 'B', percent: 50, next: 'b' },
        ],
      }),
    ).toEqual([]);
    expect(
      problems({
        branches: [
          { label: '对照组', percent: 0, next: 'a' },
          { label: '方案A', percent: 100, next: 'b' },
        ],
      }),
    ).toEqual([]);
  });

  it('names the field: a sum other than 100, a missing edge, bad labels and percents', () => {
    expect(
      problems({
        branches: [
          { label: 'A', percent: 60, next: 'a' },
          { label: 'B', percent: 50, next: 'b' },
        ],
      }),
    ).toEqual([['nodes[0].branches', 'split_sum']]);
    expect(
      definitionProblems(
        def({
          branches: [
            { label: 'A', percent: 60, next: 'a' },
            { label: 'B', percent: 30, next: 'b' },
          ],
        }),
      )[0].params,
    ).toEqual({ sum: 90 });
    expect(
      problems({
        branches: [
          { label: 'A', percent: 50, next: 'a' },
          { label: 'B', percent: 50 },
        ],
      }),
    ).toEqual([['nodes[0].branches[1].next', 'branch_unlinked']]);
    expect(
      problems({
        branches: [
          { label: ' ', percent: 50, next: 'a' },
          { label: 'x'.repeat(41), percent: 50, next: 'b' },
        ],
      }),
    ).toEqual([
      ['nodes[0].branches[0].label', 'required'],
      ['nodes[0].branches[1].label', 'max_length'],
    ]);
    expect(
      problems({
        branches: [
          { label: 'A', percent: 50, next: 'a' },
          { label: 'A ', percent: 50, next: 'b' },
        ],
      }),
    ).toEqual([['nodes[0].branches[1].label', 'duplicate_branch_label']]);
    expect(
      problems({
        branches: [
          { label: 'A', percent: 50.5, next: 'a' },
          { label: 'B', percent: -1, next: 'b' },
        ],
      }),
    ).toEqual([
      ['nodes[0].branches[0].percent', 'is_int'],
      ['nodes[0].branches[1].percent', 'is_int'],
    ]);
    expect(
      problems({
        branches: [
          { label: 'A', percent: 50, next: 'ghost' },
          { label: 'B', percent: 50, next: 'b', weight: 1 },
        ],
      }),
    ).toEqual([
      ['nodes[0].branches[0].next', 'unknown_node'],
      ['nodes[0].branches[1].weight', 'unknown_field'],
    ]);
  });

  it('takes 2 to 5 branches', () => {
    expect(problems({ branches: [{ label: 'A', percent: 100, next: 'a' }] })).toEqual([['nodes[0].branches', 'array_min_size']]);
    const six = Array.from({ length: 6 }, (_, i) => ({ label: `B${i}`, percent: i ? 20 : 0, next: 'a' }));
    expect(problems({ branches: six })).toEqual([['nodes[0].branches', 'array_max_size']]);
    expect(problems({})).toEqual([['nodes[0].branches', 'is_array']]);
  });

  it('counts its branches as links: a loop through a split without a wait is refused', () => {
    const looped = {
      trigger: { type: 'group_entry', groupId: 1 },
      start: 'ab',
      nodes: [
        {
          id: 'ab',
          type: 'split',
          branches: [
            { label: 'A', percent: 50, next: 'ab2' },
            { label: 'B', percent: 50, next: 'end' },
          ],
        },
        {
          id: 'ab2',
          type: 'split',
          branches: [
            { label: 'A', percent: 50, next: 'ab' },
            { label: 'B', percent: 50, next: 'end' },
          ],
        },
        { id: 'end', type: 'end' },
      ],
    };
    expect(definitionProblems(looped).map((p) => [p.path, p.code])).toEqual([['nodes[1].branches[0].next', 'loop_without_wait']]);
  });
});
