import type { WebhookPreset } from './webhook-preset';

/**
 * Feishu / Lark (飞书) custom bot, with 签名校验: timestamp and sign at the body's top level for each
 * attempt. Its published limit is 100 messages a minute and 5 a second; the rate limit spaces sends
 * evenly (one every 0.6 s), so 100 a minute keeps under both.
 */
export const FEISHU_PRESET: WebhookPreset = {
  id: 'feishu',
  name: { zh: '飞书自定义机器人', en: 'Feishu / Lark custom bot' },
  description: {
    zh: '推送到飞书群：文本、富文本、消息卡片。签名校验，每分钟最多 100 条。',
    en: 'Posts customer news to a Feishu / Lark group: text, rich text or message card; signed; at most 100 messages a minute per bot.',
  },
  urlExample: 'https://open.feishu.cn/open-apis/bot/v2/hook/…',
  urlPattern: '^https://open\\.(feishu\\.cn|larksuite\\.com)/open-apis/bot/v2/hook/[\\w-]+',
  signatureScheme: 'feishu',
  successRule: { field: 'response.body.code', op: '=', value: 0 },
  rateLimitPerMinute: 100,
  messageTypes: [
    {
      id: 'text',
      name: { zh: '文本', en: 'Text' },
      bodyTemplate: { msg_type: 'text', content: { text: '客户提醒：{{ customer.name }}（手机 {{ customer.mobile }}）有新动态，请及时跟进。' } },
    },
    {
      id: 'post',
      name: { zh: '富文本', en: 'Rich text (post)' },
      bodyTemplate: {
        msg_type: 'post',
        content: {
          post: {
            zh_cn: {
              title: '客户动态：{{ customer.name }}',
              content: [
                [{ tag: 'text', text: '客户：{{ customer.name }}，手机：{{ customer.mobile }}' }],
                [{ tag: 'text', text: '活跃度：{{ customer.activityScore }}' }],
                [{ tag: 'a', text: '查看客户', href: 'https://example.com/customers/{{ customer.id }}' }],
              ],
            },
          },
        },
      },
    },
    {
      id: 'interactive',
      name: { zh: '消息卡片', en: 'Message card' },
      bodyTemplate: {
        msg_type: 'interactive',
        card: {
          header: { title: { tag: 'plain_text', content: '客户动态：{{ customer.name }}' }, template: 'blue' },
          elements: [
            {
              tag: 'div',
              text: { tag: 'lark_md', content: '**客户**：{{ customer.name }}\n**手机**：{{ customer.mobile }}\n**活跃度**：{{ customer.activityScore }}' },
            },
            {
              tag: 'action',
              actions: [
                { tag: 'button', text: { tag: 'plain_text', content: '查看客户' }, type: 'primary', url: 'https://example.com/customers/{{ customer.id }}' },
              ],
            },
          ],
        },
      },
    },
  ],
};
