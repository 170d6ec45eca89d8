/**
 * The split node (A/B by percentages) on real MariaDB/Redis: many runs through a 50/50 split, the
 * branch each took in its step log, per-branch node counts, and the 400s of a bad split. The
 * ratio check here is loose (600 runs); the ±2 % check on 10,000 runs is the pure function's spec
 * (src/journeys/nodes/split.spec.ts), which is where the distribution is proven.
 */
import type { INestApplicationContext } from '@nestjs/common';
import { splitBranch } from '../src/journeys/nodes/split';
import { createTenant, createTestApp, createTestWorker, TestApp, TestTenant } from './support/test-app';
import { until } from './support/until';

/** Runs through the split: enough for a ratio check that stays fast on a shared 2-core machine. */
const RUNS = 600;
/**
 * Allowed distance of branch A's share from 50 %: 8 points is 4 standard deviations of a fair
 * 600-run draw (σ = √(600·¼)/600 ≈ 2.04 %), so a sound hash fails this about once in 15,000 runs.
 */
const TOLERANCE = 0.08;

type Step = { nodeId: string; type: string; outcome: string; detail: Record<string, unknown> | null };
type Counts = { nodeId: string; entered: number; done: number; failed: number; waiting: number; branches: number[] };

describe('journeys: the split node (A/B test)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let a: TestTenant;
  let group: number;
  let customerIds: number[];
  const api = () => t.http();

  const branches = [
    { label: '方案A', percent: 50, next: 'tag_a' },
    { label: '方案B', percent: 50, next: 'tag_b' },
  ];
  const definition = (groupId: number) => ({
    trigger: { type: 'group_entry', groupId },
    start: 'ab',
    nodes: [
      { id: 'ab', type: 'split', label: '优惠文案 A/B', branches },
      { id: 'tag_a', type: 'update_customer', set: { 'attributes.abGroup': 'A' }, next: 'end_a' },
      { id: 'tag_b', type: 'update_customer', set: { 'attributes.abGroup': 'B' }, next: 'end_b' },
      { id: 'end_a', type: 'end' },
      { id: 'end_b', type: 'end' },
    ],
  });

  beforeAll(async () => {
    t = await createTestApp();
    worker = await createTestWorker(t.env);
    a = await createTenant(t, 'A');
    const rows = Array.from({ length: RUNS }, (_, i) => ({ name: `拆分客户 ${i}`, mobile: `1390000${String(i).padStart(4, '0')}` }));
    await api().post('/api/customers/import').set(a.auth).send(rows).expect(200);
    customerIds = (await api().get('/api/customers?limit=1000').set(a.auth).expect(200)).body.items.map((c: { id: number }) => c.id);
    expect(customerIds).toHaveLength(RUNS);
    group = (await api().post('/api/groups').set(a.auth).send({ name: 'A/B 测试人群', type: 'static' }).expect(201)).body.id;
    await api().post(`/api/groups/${group}/members`).set(a.auth).send({ customerIds }).expect(200);
  });

  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  it('a 50/50 split sends each run down its branch (the same one its run id always picks), logs it, and counts it per branch', async () => {
    const j = (
      await api()
        .post('/api/journeys')
        .set(a.auth)
        .send({ name: 'A/B 优惠文案', reentry: 'once', ...definition(group) })
        .expect(201)
    ).body;
    await api().post(`/api/journeys/${j.id}/activate`).set(a.auth).expect(200);
    await until(
      async () => (await api().get(`/api/journeys/${j.id}`).set(a.auth).expect(200)).body.counters,
      (c) => c.completed === RUNS,
      60_000,
      `${RUNS} completed runs`,
    );

    const runs: { id: string; customerId: number; status: string }[] = [];
    for (let after: string | null = ''; after !== null;) {
      const page: { items: typeof runs; nextCursor: string | null } = (
        await api()
          .get(`/api/journeys/${j.id}/runs?limit=1000${after ? `&after=${after}` : ''}`)
          .set(a.auth)
          .expect(200)
      ).body;
      runs.push(...page.items);
      after = page.nextCursor;
    }
    expect(runs).toHaveLength(RUNS);

    // Every run's step log names its branch in the split's words, and the run went that way.
    const taken = [0, 0];
    for (let i = 0; i < runs.length; i += 25) {
      const details = await Promise.all(runs.slice(i, i + 25).map(async (r) => (await api().get(`/api/journey-runs/${r.id}`).set(a.auth).expect(200)).body));
      for (const d of details) {
        const log = d.stepLog as Step[];
        const split = log[0];
        expect(split).toMatchObject({ nodeId: 'ab', nodeLabel: '优惠文案 A/B', type: 'split', outcome: 'done' });
        const branch = split.detail!.branch as number;
        const expected = splitBranch({ id: 'ab', branches }, String(d.id));
        expect(split.detail).toEqual({ branch: expected.branch, label: branches[branch].label, percent: 50, bucket: expected.bucket });
        const side = branch === 0 ? 'a' : 'b';
        expect(log.map((s) => `${s.nodeId}:${s.outcome}`)).toEqual(['ab:done', `tag_${side}:done`, `end_${side}:done`]);
        taken[branch]++;
      }
    }
    expect(taken[0] + taken[1]).toBe(RUNS);
    expect(Math.abs(taken[0] / RUNS - 0.5)).toBeLessThanOrEqual(TOLERANCE);

    // The branch's effect reached the customer.
    const tagged = (await api().get('/api/customers?limit=1000').set(a.auth).expect(200)).body.items as { attributes: Record<string, unknown> }[];
    expect(tagged.filter((c) => c.attributes.abGroup === 'A')).toHaveLength(taken[0]);
    expect(tagged.filter((c) => c.attributes.abGroup === 'B')).toHaveLength(taken[1]);

    // Per-branch counts on the canvas add up: the split's branches, what each branch's next node saw, and the whole.
    const counts = (await api().get(`/api/journeys/${j.id}/node-counts`).set(a.auth).expect(200)).body as { version: number; nodes: Counts[] };
    const of = (id: string) => counts.nodes.find((n) => n.nodeId === id)!;
    expect(of('ab')).toMatchObject({ entered: RUNS, done: RUNS, failed: 0, waiting: 0, branches: taken });
    expect(of('tag_a')).toMatchObject({ entered: taken[0], branches: [] });
    expect(of('tag_b')).toMatchObject({ entered: taken[1], branches: [] });
    expect(of('end_a').entered + of('end_b').entered).toBe(RUNS);
  });

  it('a test run (测试运行) shows the branch its run took', async () => {
    const j = (
      await api()
        .post('/api/journeys')
        .set(a.auth)
        .send({ name: 'A/B 测试运行', reentry: 'always', ...definition(group) })
        .expect(201)
    ).body;
    const run = (await api().post(`/api/journeys/${j.id}/test-runs`).set(a.auth).send({ customerId: customerIds[0] }).expect(201)).body;
    const expected = splitBranch({ id: 'ab', branches }, String(run.id));
    expect(run.stepLog[0]).toMatchObject({
      nodeId: 'ab',
      type: 'split',
      detail: { branch: expected.branch, label: branches[expected.branch].label, percent: 50 },
    });
    expect(run.stepLog[1].nodeId).toBe(expected.branch === 0 ? 'tag_a' : 'tag_b');
    // Test runs never count.
    expect((await api().get(`/api/journeys/${j.id}/node-counts`).set(a.auth).expect(200)).body.nodes).toEqual([]);
  });

  it('a split that does not add up to 100, lacks a branch link or has bad labels is a 400 naming the field', async () => {
    const send = (splitBranches: object[]) =>
      api()
        .post('/api/journeys')
        .set(a.auth)
        .send({ name: '坏的拆分', ...definition(group), nodes: [{ id: 'ab', type: 'split', branches: splitBranches }, ...definition(group).nodes.slice(1)] })
        .expect(400);
    const problems = async (splitBranches: object[]) =>
      ((await send(splitBranches)).body.problems as { path: string; code: string; params?: object }[]).map((p) => [p.path, p.code, p.params ?? null]);

    expect(
      await problems([
        { label: 'A', percent: 60, next: 'tag_a' },
        { label: 'B', percent: 30, next: 'tag_b' },
      ]),
    ).toEqual([['nodes[0].branches', 'split_sum', { sum: 90 }]]);
    expect(
      await problems([
        { label: 'A', percent: 50, next: 'tag_a' },
        { label: 'B', percent: 50 },
      ]),
    ).toEqual(expect.arrayContaining([['nodes[0].branches[1].next', 'branch_unlinked', { label: 'B' }]]));
    expect(
      await problems([
        { label: '', percent: 50, next: 'tag_a' },
        { label: 'x'.repeat(41), percent: 25, next: 'tag_b' },
        { label: 'x'.repeat(41), percent: 25, next: 'tag_b' },
      ]),
    ).toEqual([
      ['nodes[0].branches[0].label', 'required', null],
      ['nodes[0].branches[1].label', 'max_length', { max: 40 }],
      ['nodes[0].branches[2].label', 'max_length', { max: 40 }],
    ]);
    expect(await problems([{ label: 'A', percent: 100, next: 'tag_a' }])).toEqual(
      expect.arrayContaining([['nodes[0].branches', 'array_min_size', { min: 2 }]]),
    );
  });
});
