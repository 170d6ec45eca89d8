import { QuietHoursPolicy } from './quiet-hours-policy.service';
import type { QuietHoursSetting } from './quiet-hours-setting.entity';

const DAY = [{ days: [1, 2, 3, 4, 5, 6, 7], start: '09:00', end: '21:00' }];
const NIGHT_OWL = [{ days: [1, 2, 3, 4, 5, 6, 7], start: '20:00', end: '23:00' }];
const at = (wall: string) => new Date(`${wall}+08:00`);

function policyWith(rows: Partial<QuietHoursSetting>[]) {
  const repo = { find: jest.fn(async () => rows) };
  return { policy: new QuietHoursPolicy(repo as never), repo };
}

describe('QuietHoursPolicy', () => {
  const rows = [
    { tenantId: 1, scope: 'tenant' as const, scopeId: 0, enabled: true, timeZone: 'Asia/Shanghai', windows: DAY },
    { tenantId: 1, scope: 'webhook' as const, scopeId: 7, enabled: true, timeZone: null, windows: NIGHT_OWL },
    { tenantId: 1, scope: 'journey' as const, scopeId: 3, enabled: false, timeZone: null, windows: [] },
  ];

  it('is undefined for a tenant not prepared (the attempt decides), null for one without quiet hours', async () => {
    const { policy } = policyWith([]);
    expect(policy.holdUntil({ tenantId: 2, webhookId: 1 }, new Date())).toBeUndefined();
    await policy.prepare([2]);
    expect(policy.holdUntil({ tenantId: 2, webhookId: 1 }, new Date())).toBeNull();
  });

  it('the journey override wins over the webhook one, which wins over the tenant', async () => {
    const { policy } = policyWith(rows);
    await policy.prepare([1]);
    const night = at('2026-12-04T22:00:00');
    expect(policy.holdUntil({ tenantId: 1, webhookId: 1 }, night)).toEqual(at('2026-12-05T09:00:00'));
    expect(policy.holdUntil({ tenantId: 1, webhookId: 7 }, night)).toBeNull();
    expect(policy.holdUntil({ tenantId: 1, webhookId: 7, journeyId: 3 }, at('2026-12-05T03:00:00'))).toBeNull();
    expect(policy.holdUntil({ tenantId: 1, webhookId: 7, journeyId: 4 }, at('2026-12-05T03:00:00'))).toEqual(at('2026-12-05T20:00:00'));
    expect(policy.hasJourneyOverrides(1)).toBe(true);
  });

  it('reads the settings once per few seconds, and answers again when the clock crosses a boundary or goes back', async () => {
    const { policy, repo } = policyWith(rows);
    const now = Date.now();
    await policy.prepare([1], now);
    await policy.prepare([1], now + 1_000);
    expect(repo.find).toHaveBeenCalledTimes(1);
    expect(policy.holdUntil({ tenantId: 1, webhookId: 1 }, at('2026-12-04T20:59:00'))).toBeNull();
    expect(policy.holdUntil({ tenantId: 1, webhookId: 1 }, at('2026-12-04T21:00:00'))).toEqual(at('2026-12-05T09:00:00'));
    expect(policy.holdUntil({ tenantId: 1, webhookId: 1 }, at('2026-12-04T12:00:00'))).toBeNull();
    await policy.prepare([1], now + 6_000);
    expect(repo.find).toHaveBeenCalledTimes(2);
  });

  it('a change in this process drops the cache and tells the listeners', async () => {
    const { policy, repo } = policyWith(rows);
    const heard: number[] = [];
    policy.onChange(async (id) => void heard.push(id));
    await policy.prepare([1]);
    policy.forget(1);
    expect(policy.holdUntil({ tenantId: 1, webhookId: 1 }, new Date())).toBeUndefined();
    await policy.prepare([1]);
    expect(repo.find).toHaveBeenCalledTimes(2);
    expect(heard).toEqual([1]);
  });
});
