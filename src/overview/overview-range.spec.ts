import { latencyQuantile as quantile } from '../deliveries/delivery-stats-reader.service';
import { isRising } from './overview-figures';
import { localMidnight, rangeWindow } from './overview-range';

describe('overview range', () => {
  const now = new Date('2026-12-05T03:20:00Z'); // 11:20 in Shanghai, 22:20 the day before in New York

  it('today starts at local midnight, in UTC hours', () => {
    const w = rangeWindow('today', 'Asia/Shanghai', now);
    expect(w.from.toISOString()).toBe('2026-12-04T16:00:00.000Z');
    expect(w.to.toISOString()).toBe('2026-12-05T04:00:00.000Z');
    expect(w.buckets).toHaveLength(12);
    expect(rangeWindow('today', 'America/New_York', now).from.toISOString()).toBe('2026-12-04T05:00:00.000Z');
  });

  it('7 days are 7 local days, today included', () => {
    const w = rangeWindow('7d', 'Asia/Shanghai', now);
    expect(w.buckets.map((b) => b.toISOString())).toEqual([
      '2026-11-28T16:00:00.000Z',
      '2026-11-29T16:00:00.000Z',
      '2026-11-30T16:00:00.000Z',
      '2026-12-01T16:00:00.000Z',
      '2026-12-02T16:00:00.000Z',
      '2026-12-03T16:00:00.000Z',
      '2026-12-04T16:00:00.000Z',
    ]);
  });

  it('a DST change keeps local midnights; a :30 zone starts at the UTC hour holding its midnight', () => {
    // Berlin: summer time ends 2026-10-25, so the day before midnight is 22:00Z, after it 23:00Z.
    expect(localMidnight('Europe/Berlin', new Date('2026-10-25T12:00:00Z')).toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(localMidnight('Europe/Berlin', new Date('2026-10-26T12:00:00Z')).toISOString()).toBe('2026-10-25T23:00:00.000Z');
    expect(rangeWindow('today', 'Asia/Kolkata', now).from.toISOString()).toBe('2026-12-04T18:00:00.000Z');
  });
});

describe('latency quantile and rising failures', () => {
  it('interpolates inside the bucket', () => {
    const h = new Array(12).fill(0);
    h[1] = 100; // 25–50 ms
    expect(quantile(h, 0.95)).toBe(49);
    expect(quantile(new Array(12).fill(0), 0.95)).toBeNull();
    h[11] = 100; // beyond 25.6 s: the lower bound
    expect(quantile(h, 0.95)).toBe(25600);
  });

  it('flags a clear rise with volume, not a chronic failure rate or a handful', () => {
    const base = { webhookId: 1, recentAttempts: 40, baselineAttempts: 1000 };
    expect(isRising({ ...base, recentFailureRate: 0.5, baselineFailureRate: 0.02 })).toBe(true);
    expect(isRising({ ...base, recentFailureRate: 0.5, baselineFailureRate: 0.45 })).toBe(false);
    expect(isRising({ ...base, recentAttempts: 5, recentFailureRate: 1, baselineFailureRate: 0 })).toBe(false);
    expect(isRising({ ...base, recentFailureRate: 0.1, baselineFailureRate: 0 })).toBe(false);
    expect(isRising({ ...base, recentFailureRate: 1, baselineFailureRate: null })).toBe(true);
  });
});
