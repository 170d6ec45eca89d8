/** 中文 for opt-outs (退订): the customer page and list, the skipped message, the webhook's 事务类消息 switch; merged into zh.ts. */
export const zhOptouts = {
  'optout.unsubscribed': '已退订',
  'optout.subscribed': '正常接收',
  'optout.since': '已退订 · {time} · {via}',
  'optout.via.link': '通过退订链接',
  'optout.via.api': '通过 API',
  'optout.via.console': '在控制台操作',
  'optout.via.import': '通过导入',
  'optout.status': '营销消息',
  'optout.unsubscribe': '退订',
  'optout.resubscribe': '恢复订阅',
  'optout.unsubscribeConfirm': '确定为 {name} 退订营销消息？',
  'optout.unsubscribeHint': '群发和自动流程不会再向 TA 发送营销消息；订单、优惠券等事务类消息照常发送。',
  'optout.resubscribeConfirm': '确定为 {name} 恢复订阅？',
  'optout.resubscribeHint': '请确认客户本人同意再次接收营销消息。',
  'optout.unsubscribedDone': '已退订',
  'optout.resubscribedDone': '已恢复订阅',
  'optout.filter': '订阅状态',
  'optout.filterAll': '全部客户',
  'optout.filterSubscribed': '正常接收',
  'optout.filterUnsubscribed': '已退订',
  'optout.importHelp': 'unsubscribed 列填 是/否（或 true/false）：是 = 退订营销消息，否 = 恢复订阅，留空不变。',
  'optout.noUnsubscribed': '没有已退订的客户',

  'optout.neverSent': '不会发送',

  'rule.field.unsubscribedAt': '退订时间',

  'delivery.status.skipped': '已跳过',
  'delivery.skipReason.unsubscribed': '客户已退订',
  'delivery.skipReason.frequency_cap': '超过频次上限',
  'run.outcome.skipped': '已跳过',

  'webhookEdit.transactional': '事务类消息',
  'webhookEdit.transactionalHint': '订单、优惠券核销等客户期待的通知：不受免打扰时段、频次上限和退订限制。',
};
