import type { zhRoles } from './zh-roles';

export const enRoles: Record<keyof typeof zhRoles, string> = {
  'roles.denied': 'Your role ({role}) cannot change this',
  'roles.deniedNoRole': 'This key cannot change this',
  'roles.readOnly': 'Read-only: your role ({role}) can view but not change this',
  'roles.masked': 'Hidden',
  'roles.maskedHint': 'Your role does not see customers’ contact details',
  'roles.searchNoContact': 'Name or WeChat nickname',
  'sends.new': 'New mass send',
  'sends.pickWebhook': 'Choose a webhook',
  'sends.pickWebhookHint': 'A mass send goes through a manually triggered webhook to a group. Choose the webhook, then the group and when to send.',
  'sends.noManualWebhook': 'No webhook can send yet: create and enable a manually triggered webhook first.',
};
