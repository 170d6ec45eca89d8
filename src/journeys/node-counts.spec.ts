import { tallyNodeCounts } from './node-counts';

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
      { nodeId: 'city', entered: 5, waiting: 0, done: 5, failed: 0, then: 3, else: 2 },
      { nodeId: 'crm', entered: 7, waiting: 4, done: 2, failed: 1, then: 0, else: 0 },
      { nodeId: 'tag', entered: 1, waiting: 0, done: 0, failed: 1, then: 0, else: 0 },
      { nodeId: 'pause', entered: 7, waiting: 7, done: 0, failed: 0, then: 0, else: 0 },
    ]);
  });

  it('answers nothing for a version nobody ran', () => {
    expect(tallyNodeCounts([], [])).toEqual([]);
  });
});
