import type { zhCaps } from './zh-caps';

/** English for frequency caps and skipped messages: every key of zh-caps.ts. */
export const enCaps: Record<keyof typeof zhCaps, string> = {
  'delivery.status.skipped': 'Skipped',
  'delivery.skipReason.frequency_cap': 'over the frequency cap',
  'delivery.skipReason.unsubscribed': 'unsubscribed',
  'sends.counter.skipped': 'Skipped',
  'run.outcome.skipped': 'Skipped',
  'run.skippedNotSent': 'The message was not sent (skipped); the run went on.',
  'overview.skippedNote': 'and {n} skipped, not sent',
  'names.attemptsSkipped': 'Not sent',
  'delivery.skippedWhy': 'Why not sent',
  'delivery.skippedWhy.frequency_cap':
    'This customer already received as many marketing messages as the frequency cap allows in its window: this message is skipped, never sent and never retried.',
  'delivery.skippedWhy.unsubscribed': 'This customer unsubscribed from marketing messages: this message is not sent.',

  'caps.tab': 'Frequency cap',
  'caps.intro':
    'Limits how many marketing messages each customer receives in a period, so nobody is flooded. The window rolls: with "at most 3 per 1 day", any 24 hours in a row hold at most 3.',
  'caps.scope':
    'Counted and capped: messages of mass sends and journeys through webhooks that are not transactional. Neither counted nor capped: test sends, fixed events, forms and transactional webhooks (order or coupon notices). A message over the cap is not sent; the message log shows it as "Skipped · over the frequency cap".',
  'caps.enabled': 'Frequency cap on',
  'caps.window': 'Window',
  'caps.every': 'Every',
  'caps.unit': 'Unit',
  'caps.unit.days': 'days',
  'caps.unit.hours': 'hours',
  'caps.maxMessages': 'At most, per customer',
  'caps.messages': 'messages',
  'caps.oneDay': '24 hours',
  'caps.nDays': '{n} days',
  'caps.nHours': '{n} hours',
  'caps.summary': 'Each customer receives at most {n} marketing messages in any {window}; the rest are not sent.',
  'caps.save': 'Save',
  'caps.saveWebhook': 'Save frequency cap',
  'caps.saved': 'Frequency cap saved',
  'caps.webhookTitle': 'Own frequency cap',
  'caps.webhookHint': "Counts only this webhook's marketing messages, in addition to the tenant's cap.",
  'caps.tenantLink': "The tenant's frequency cap",
  'caps.webhookAfterSave': 'Save the webhook first.',
  'caps.webhookTransactional': 'A transactional webhook: its messages are neither counted nor capped.',
};
