import { countedOutcome, tallyNodeCounts } from './node-counts';

describe('tallyNodeCounts', () => {
  it('adds outcomes into done/failed and branches, and parked runs into waiting; entered is all of them', () => {
    const counts = tallyNodeCounts(
      [
        { nodeId: 'city', outcome: 'then', n: '3' },
        { nodeId: 'city', outcome: 'else', n: 2 },
        { nodeId: 'crm', outcome: 'delivered', n: '2' },
        { nodeId: 'crm', outcome: 'failed', n: '1' },
        { nodeId: 'tag', outcome: 'error', n: 1 },
      ],
      [
        { nodeId: 'crm', n: '4' },
        { nodeId: 'pause', n: 7 },
      ],
    );
    expect(counts).toEqual([
      { nodeId: 'city', entered: 5, waiting: 0, done: 5, failed: 0, then: 3, else: 2, branches: [] },
      { nodeId: 'crm', entered: 7, waiting: 4, done: 2, failed: 1, then: 0, else: 0, branches: [] },
      { nodeId: 'tag', entered: 1, waiting: 0, done: 0, failed: 1, then: 0, else: 0, branches: [] },
      { nodeId: 'pause', entered: 7, waiting: 7, done: 0, failed: 0, then: 0, else: 0, branches: [] },
    ]);
  });

  it("counts a split's steps per branch (a branch nobody took yet is 0), all of them done", () => {
    expect(
      tallyNodeCounts(
        [
          { nodeId: 'ab', outcome: 'branch:0', n: '4' },
          { nodeId: 'ab', outcome: 'branch:2', n: 6 },
        ],
        [],
      ),
    ).toEqual([{ nodeId: 'ab', entered: 10, waiting: 0, done: 10, failed: 0, then: 0, else: 0, branches: [4, 0, 6] }]);
  });

  it('keys a step that names its branch by it, any other by its outcome', () => {
    expect(countedOutcome({ outcome: 'done', detail: { branch: 3, label: 'B' } })).toBe('branch:3');
    expect(countedOutcome({ outcome: 'then', detail: null })).toBe('then');
  });

  it('answers nothing for a version nobody ran', () => {
    expect(tallyNodeCounts([], [])).toEqual([]);
  });
});
