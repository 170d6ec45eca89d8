import { defaultBroadcastName } from './broadcast-view';

describe('defaultBroadcastName', () => {
  it('names webhook, group and the minute (UTC), so two sends of the same pair read apart', () => {
    expect(defaultBroadcastName('企业微信群机器人', '高活跃会员', new Date('2026-12-05T06:30:59Z'))).toBe(
      '企业微信群机器人 → 高活跃会员 · 2026-12-05 06:30 UTC',
    );
  });

  it('stays within the 200 characters a name may have', () => {
    expect(defaultBroadcastName('w'.repeat(150), 'g'.repeat(150), new Date())).toHaveLength(200);
  });
});
