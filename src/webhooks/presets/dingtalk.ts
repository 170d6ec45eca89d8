import type { WebhookPreset } from './webhook-preset';

/** Who to @ in the group: the colleagues' mobiles (a robot cannot @ a customer who is not in it). */
const AT = { atMobiles: [], isAtAll: false };

/** DingTalk (钉钉) custom robot, with 加签: timestamp and sign in the URL's query for each attempt. */
export const DINGTALK_PRESET: WebhookPreset = {
  id: 'dingtalk',
  name: { zh: '钉钉自定义机器人', en: 'DingTalk custom robot' },
  description: {
    zh: '推送到钉钉群：文本、Markdown、卡片消息，可 @ 同事。加签校验，每分钟最多 20 条。',
    en: 'Posts customer news to a DingTalk group: text, markdown or action card, @ colleagues; signed; at most 20 messages a minute per robot.',
  },
  urlExample: 'https://oapi.dingtalk.com/robot/send?access_token=…',
  urlPattern: '^https://oapi\\.dingtalk\\.com/robot/send\\?access_token=\\w+',
  signatureScheme: 'dingtalk',
  successRule: { field: 'response.body.errcode', op: '=', value: 0 },
  rateLimitPerMinute: 20,
  messageTypes: [
    {
      id: 'text',
      name: { zh: '文本', en: 'Text' },
      bodyTemplate: {
        msgtype: 'text',
        text: { content: '客户提醒：{{ customer.name }}（手机 {{ customer.mobile }}）有新动态，请及时跟进。' },
        at: AT,
      },
    },
    {
      id: 'markdown',
      name: { zh: 'Markdown', en: 'Markdown' },
      bodyTemplate: {
        msgtype: 'markdown',
        markdown: {
          title: '客户动态：{{ customer.name }}',
          text: '### 客户动态\n- 客户：**{{ customer.name }}**\n- 手机：{{ customer.mobile }}\n- 活跃度：{{ customer.activityScore }}',
        },
        at: AT,
      },
    },
    {
      id: 'actionCard',
      name: { zh: '卡片（ActionCard）', en: 'Action card' },
      bodyTemplate: {
        msgtype: 'actionCard',
        actionCard: {
          title: '请跟进客户 {{ customer.name }}',
          text: '### 请跟进客户 {{ customer.name }}\n手机：{{ customer.mobile }}\n\n活跃度：{{ customer.activityScore }}',
          btnOrientation: '0',
          singleTitle: '查看客户',
          singleURL: 'https://example.com/customers/{{ customer.id }}',
        },
        at: AT,
      },
    },
  ],
};
