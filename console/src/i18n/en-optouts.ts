import type { zhOptouts } from './zh-optouts';

/** English for opt-outs; every key of zh-optouts.ts. */
export const enOptouts: Record<keyof typeof zhOptouts, string> = {
  'optout.unsubscribed': 'Unsubscribed',
  'optout.subscribed': 'Subscribed',
  'optout.since': 'Unsubscribed · {time} · {via}',
  'optout.via.link': 'via the unsubscribe link',
  'optout.via.api': 'via the API',
  'optout.via.console': 'in the console',
  'optout.via.import': 'by an import',
  'optout.status': 'Marketing messages',
  'optout.unsubscribe': 'Unsubscribe',
  'optout.resubscribe': 'Resubscribe',
  'optout.unsubscribeConfirm': 'Unsubscribe {name} from marketing messages?',
  'optout.unsubscribeHint': 'Mass sends and journeys will no longer send them marketing messages; transactional messages (orders, coupons) still go.',
  'optout.resubscribeConfirm': 'Resubscribe {name}?',
  'optout.resubscribeHint': 'Make sure the customer agreed to receive marketing messages again.',
  'optout.unsubscribedDone': 'Unsubscribed',
  'optout.resubscribedDone': 'Resubscribed',
  'optout.filter': 'Subscription',
  'optout.filterAll': 'All customers',
  'optout.filterSubscribed': 'Subscribed',
  'optout.filterUnsubscribed': 'Unsubscribed',
  'optout.importHelp': 'The unsubscribed column takes true/false (or 是/否): true opts the customer out of marketing messages, false back in, empty leaves it.',
  'optout.noUnsubscribed': 'No unsubscribed customers',

  'optout.neverSent': 'Never sent',

  'rule.field.unsubscribedAt': 'Unsubscribed at',

  'delivery.status.skipped': 'Skipped',
  'delivery.skipReason.unsubscribed': 'customer unsubscribed',
  'delivery.skipReason.frequency_cap': 'over the frequency cap',
  'run.outcome.skipped': 'Skipped',

  'webhookEdit.transactional': 'Transactional',
  'webhookEdit.transactionalHint': 'Notices customers expect (orders, coupon redemptions): exempt from quiet hours, frequency caps and opt-outs.',
};
