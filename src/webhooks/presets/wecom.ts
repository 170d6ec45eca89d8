import type { WebhookPreset } from './webhook-preset';

/** WeCom (企业微信) group robot: the key in the URL is its only credential, so no signature. */
export const WECOM_PRESET: WebhookPreset = {
  id: 'wecom',
  name: { zh: '企业微信群机器人', en: 'WeCom group robot' },
  description: {
    zh: '推送到企业微信群：文本、Markdown、图文消息。每分钟最多 20 条。',
    en: 'Posts customer news to a WeCom group: text, markdown or news; at most 20 messages a minute per robot.',
  },
  urlExample: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…',
  urlPattern: '^https://qyapi\\.weixin\\.qq\\.com/cgi-bin/webhook/send\\?key=[\\w-]+',
  signatureScheme: 'none',
  successRule: { field: 'response.body.errcode', op: '=', value: 0 },
  rateLimitPerMinute: 20,
  messageTypes: [
    {
      id: 'text',
      name: { zh: '文本', en: 'Text' },
      bodyTemplate: {
        msgtype: 'text',
        text: { content: '客户提醒：{{ customer.name }}（手机 {{ customer.mobile }}）有新动态，请及时跟进。', mentioned_mobile_list: [] },
      },
    },
    {
      id: 'markdown',
      name: { zh: 'Markdown', en: 'Markdown' },
      bodyTemplate: {
        msgtype: 'markdown',
        markdown: {
          content: '### 客户动态\n> 客户：<font color="info">{{ customer.name }}</font>\n> 手机：{{ customer.mobile }}\n> 活跃度：{{ customer.activityScore }}',
        },
      },
    },
    {
      id: 'news',
      name: { zh: '图文', en: 'News' },
      bodyTemplate: {
        msgtype: 'news',
        news: {
          articles: [
            {
              title: '客户动态：{{ customer.name }}',
              description: '手机 {{ customer.mobile }}，活跃度 {{ customer.activityScore }}，点击查看详情',
              url: 'https://example.com/customers/{{ customer.id }}',
              picurl: 'https://example.com/banner.png',
            },
          ],
        },
      },
    },
  ],
};
