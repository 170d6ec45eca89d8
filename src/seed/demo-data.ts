import type { Rule } from '../groups/segment-rule';

/** The demo tenant's customers and groups: enough to try search, groups and (later) sends. */
export const DEMO_TENANT = 'Demo';

/** The console's demo sign-in (local runs only; printed by npm run up). */
export const DEMO_USER = { email: 'demo@herald.local', password: 'herald-demo', name: '演示用户' };

/** The same console as each other role sees it (the demo user, the tenant's first, is its owner). */
export const DEMO_ROLE_USERS = [
  { email: 'marketer@herald.local', password: 'herald-demo', name: '营销演示', role: 'marketer' as const },
  { email: 'analyst@herald.local', password: 'herald-demo', name: '分析演示', role: 'analyst' as const },
];

export const DEMO_CUSTOMERS = [
  {
    name: '张伟',
    wechatNickname: '大伟',
    mobile: '13800138001',
    email: 'zhang.wei@example.com',
    activityScore: 620,
    attributes: { city: 'Shanghai', tier: 'gold' },
  },
  {
    name: '李娜',
    wechatNickname: '娜娜',
    mobile: '13800138002',
    email: 'li.na@example.com',
    activityScore: 480,
    attributes: { city: 'Shanghai', tier: 'silver' },
  },
  {
    name: '王芳',
    wechatNickname: 'Fiona',
    mobile: '13800138003',
    email: 'wang.fang@example.com',
    activityScore: 910,
    attributes: { city: 'Beijing', tier: 'gold' },
  },
  { name: '刘洋', wechatNickname: '洋洋', mobile: '13800138004', email: 'liu.yang@example.com', activityScore: 150, attributes: { city: 'Shenzhen' } },
  {
    name: '陈静',
    wechatNickname: '静静',
    mobile: '13800138005',
    email: 'chen.jing@example.com',
    activityScore: 705,
    attributes: { city: 'Shanghai', tags: ['vip'] },
  },
  { name: 'Alice Chen', wechatNickname: 'alice', mobile: '13800138006', email: 'alice@example.com', activityScore: 530, attributes: { city: 'Hangzhou' } },
  { name: 'Bob "Quotes" O\'Brien', wechatNickname: 'bob\\slash', mobile: '13800138007', email: 'bob@example.com', activityScore: 90, attributes: {} },
];

export const DEMO_STATIC_GROUP = { name: 'VIP', type: 'static' as const, description: 'Hand-picked VIP customers' };
export const DEMO_DYNAMIC_GROUP: { name: string; type: 'dynamic'; description: string; rule: Rule } = {
  name: 'Shanghai high activity',
  type: 'dynamic' as const,
  description: 'activityScore >= 500 AND attributes.city = "Shanghai"',
  rule: {
    and: [
      { field: 'activityScore', op: '>=', value: 500 },
      { field: 'attributes.city', op: '=', value: 'Shanghai' },
    ],
  },
};

/** Loyalty program of the demo tenant (the VIP group is enrolled at the lowest level). */
export const DEMO_LEVELS = [
  { name: '银卡', rank: 1 },
  { name: '金卡', rank: 2 },
  { name: '钻石卡', rank: 3 },
];
export const DEMO_COUPON = { name: '会员专享满100减20', stock: 1000 };

/** The manual webhook `npm run up` points at its demo receiver (scripts/demo-receiver.js), DM Hub signed. */
export const DEMO_WEBHOOK_NAME = 'Demo receiver';
