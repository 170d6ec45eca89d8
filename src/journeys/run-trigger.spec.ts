import { triggerView } from './run-summaries.service';

const names = { groups: new Map([[15, '高活跃会员']]), forms: new Map([[3, '双十一报名表']]), inbound: new Map([[7, '小程序下单']]) };

describe('triggerView', () => {
  it('names what a trigger refers to instead of its id', () => {
    expect(triggerView({ type: 'group_entry', groupId: 15 }, names)).toEqual({ type: 'group_entry', id: 15, name: '高活跃会员' });
    expect(triggerView({ type: 'form_submitted', formId: 3 }, names)).toEqual({ type: 'form_submitted', id: 3, name: '双十一报名表' });
    expect(triggerView({ type: 'inbound', inboundTriggerId: 7 }, names)).toEqual({ type: 'inbound', id: 7, name: '小程序下单' });
  });

  it('reads an event or a threshold as itself, and a deleted target as no name', () => {
    expect(triggerView({ type: 'event', event: 'loyalty/membership_level_up' }, names)).toEqual({
      type: 'event',
      id: null,
      name: 'loyalty/membership_level_up',
    });
    expect(triggerView({ type: 'attribute_threshold', field: 'activityScore', op: '>=', value: 100 }, names).name).toBe('activityScore >= 100');
    expect(triggerView({ type: 'group_entry', groupId: 99 }, names)).toEqual({ type: 'group_entry', id: 99, name: null });
    expect(triggerView({ type: 'inbound' }, names)).toEqual({ type: 'inbound', id: null, name: null });
  });
});
