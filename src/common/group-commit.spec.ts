import { GroupCommit, GroupFailure } from './group-commit';

describe('GroupCommit', () => {
  it('writes items added together in one flush, and those added during a flush in the next', async () => {
    const flushes: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const group = new GroupCommit<number, number>(
      async (items) => {
        flushes.push(items);
        if (flushes.length === 1) await gate;
        return items.map((i) => i * 10);
      },
      100,
      1,
    );
    const first = [1, 2, 3].map((i) => group.add(i));
    await new Promise((r) => setImmediate(r));
    const second = [4, 5].map((i) => group.add(i));
    release();
    expect(await Promise.all([...first, ...second])).toEqual([10, 20, 30, 40, 50]);
    expect(flushes).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
  });

  it('caps a flush at maxBatch and runs up to `concurrency` flushes at once', async () => {
    let running = 0;
    let most = 0;
    const sizes: number[] = [];
    const group = new GroupCommit<number, number>(
      async (items) => {
        sizes.push(items.length);
        most = Math.max(most, ++running);
        await new Promise((r) => setTimeout(r, 5));
        running--;
        return items;
      },
      2,
      2,
    );
    await Promise.all([1, 2, 3, 4, 5].map((i) => group.add(i)));
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(5);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(2);
    expect(most).toBe(2);
  });

  it("rejects every item with a flush's error, and only the item a GroupFailure names", async () => {
    const failing = new GroupCommit<number, number>(async () => Promise.reject(new Error('down')));
    await expect(Promise.all([failing.add(1), failing.add(2)])).rejects.toThrow('down');
    const partial = new GroupCommit<number, number>(async (items) => items.map((i) => (i === 2 ? new GroupFailure(new Error('bad 2')) : i)));
    const results = await Promise.allSettled([1, 2, 3].map((i) => partial.add(i)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason.message).toBe('bad 2');
  });
});
