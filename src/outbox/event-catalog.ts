/** The fixed events (固定事件) a webhook of trigger type `event` can subscribe to. */
export const LOYALTY_EVENTS = [
  'loyalty/membership_level_up',
  'loyalty/membership_level_down',
  'loyalty/loyalty_dispatch_coupon',
  'loyalty/membership_draw_coupon',
  'loyalty/membership_redeem_coupon',
] as const;

/** DCE 5.0's user events, for Herald's customers. */
export const CUSTOMER_EVENTS = ['customer/created', 'customer/updated', 'customer/deleted'] as const;

export const FIXED_EVENTS = [...LOYALTY_EVENTS, ...CUSTOMER_EVENTS] as const;
export type FixedEvent = (typeof FIXED_EVENTS)[number];

/** X-Herald-Event values of messages that are not fixed events. */
export const MANUAL_MESSAGE_EVENTS = {
  test: 'webhook/test',
  broadcast: 'webhook/broadcast',
  journey: 'journey/webhook',
  form: 'form/submitted',
} as const;
