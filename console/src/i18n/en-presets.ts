import type { zhPresets } from './zh-presets';

/** English for robot presets; every key of zh-presets.ts. */
export const enPresets: Record<keyof typeof zhPresets, string> = {
  'preset.title': 'Start from a template',
  'preset.hint': 'Pick the group robot to post to: address format, message, signature, success rule and rate limit are filled in. Or start blank.',
  'preset.blank': 'Blank webhook',
  'preset.blankDesc': 'For your own systems or other platforms: fill in every setting yourself.',
  'preset.messageType': 'Message type',
  'preset.messageTypeHint': 'Switching the type replaces the body template below.',
  'preset.filled':
    'Filled in for "{name}": at most {rate} messages a minute, success when the answer has {field} = 0. Paste the robot’s webhook address into URL below.',
  'preset.urlHint': 'Copy the webhook address from the group’s robot settings; it looks like {example}',
  'preset.urlMismatch': 'This does not look like a {name} address (it should look like {example}); check it was copied whole',
  'preset.atHint': 'DingTalk: list the colleagues to @ in at.atMobiles, and write @mobile in the text for the mention to show.',
  'signature.dingtalk': 'DingTalk signing',
  'signature.feishu': 'Feishu signature',
  'secret.robotLabel': 'Signing secret',
  'secret.dingtalkHint':
    'DingTalk group → settings → robot → security: tick “Sign” and copy the secret starting with SEC. Each send carries a timestamp and signature.',
  'secret.feishuHint':
    'Feishu group → settings → bots → security: turn on “Signature verification” and copy the secret. Each send carries a timestamp and signature.',
  'secret.wecomHint': 'A WeCom group robot needs no secret: the key in its address is its credential; keep it private.',
  'delivery.attemptUrl': 'This attempt’s URL',
  'delivery.attemptBody': 'This attempt’s body (with signature fields)',
};
