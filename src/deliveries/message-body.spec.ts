import { compileTemplate } from '../templates/render-template';
import { customerView } from '../customers/customer-template-view';
import { renderMessageBody } from './message-body';

const base = { messageId: 'm1', event: 'webhook/test', tenantId: 7, sentAt: new Date('2026-11-23T00:00:00Z'), webhook: { id: 1, name: 'crm' } };

describe('message body', () => {
  it('uses the envelope without a template', () => {
    const customer = customerView({
      id: 3,
      name: 'Li Lei',
      wechatNickname: null,
      mobile: '138',
      email: null,
      activityScore: 5,
      attributes: {},
      createdAt: new Date('2026-01-01T00:00:00Z'),
      updatedAt: new Date('2026-01-01T00:00:00Z'),
    });
    expect(renderMessageBody(null, { ...base, customer, context: { broadcast: { id: 9 } } })).toEqual({
      event: 'webhook/test',
      messageId: 'm1',
      sentAt: '2026-11-23T00:00:00.000Z',
      tenantId: 7,
      customer,
      context: { broadcast: { id: 9 } },
    });
  });

  it('sends a fixed event payload as is without a template, and renders templates with every namespace', () => {
    expect(renderMessageBody(null, { ...base, customer: null, context: {}, defaultBody: { exact: true } })).toEqual({ exact: true });
    const t = compileTemplate({ id: '{{ message.id }}', w: '{{ webhook.name }}', e: '{{ event.couponCode }}' });
    expect(renderMessageBody(t, { ...base, customer: null, context: { event: { couponCode: 'C1' } } })).toEqual({ id: 'm1', w: 'crm', e: 'C1' });
  });
});
