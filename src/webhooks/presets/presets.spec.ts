import { DEFAULT_RENDER_LIMITS } from '../../templates/render-template';
import { checkWebhookConfig } from '../webhook-rules';
import { successRuleProblems } from '../success-rule';
import { WEBHOOK_PRESETS } from '.';

describe('robot presets', () => {
  it('have unique ids and message types, the first message type being the default', () => {
    expect(WEBHOOK_PRESETS.map((p) => p.id)).toEqual(['wecom', 'dingtalk', 'feishu']);
    for (const p of WEBHOOK_PRESETS) expect(new Set(p.messageTypes.map((m) => m.id)).size).toBe(p.messageTypes.length);
  });

  it.each(WEBHOOK_PRESETS.map((p) => [p.id, p] as const))('%s: every body, signature and rule is one create takes', (_id, preset) => {
    const url = preset.urlExample.replace('…', 'abc123');
    expect(new RegExp(preset.urlPattern).test(url)).toBe(true);
    expect(successRuleProblems(preset.successRule)).toEqual([]);
    for (const type of preset.messageTypes) {
      const config = {
        name: preset.name.zh,
        url,
        method: 'POST' as const,
        headers: {},
        bodyTemplate: type.bodyTemplate,
        secret: preset.signatureScheme === 'none' ? null : 'SEC0123456789abcdef',
        signatureScheme: preset.signatureScheme,
        basicAuthUsername: null,
        basicAuthPassword: null,
        triggerType: 'manual' as const,
        events: [],
      };
      expect(checkWebhookConfig(config, DEFAULT_RENDER_LIMITS)).toEqual([]);
    }
  });

  it('match the vendors` message types and limits', () => {
    const byId = Object.fromEntries(WEBHOOK_PRESETS.map((p) => [p.id, p]));
    expect(byId.wecom.messageTypes.map((m) => m.bodyTemplate.msgtype)).toEqual(['text', 'markdown', 'news']);
    expect(byId.dingtalk.messageTypes.map((m) => m.bodyTemplate.msgtype)).toEqual(['text', 'markdown', 'actionCard']);
    expect(byId.feishu.messageTypes.map((m) => m.bodyTemplate.msg_type)).toEqual(['text', 'post', 'interactive']);
    expect(WEBHOOK_PRESETS.map((p) => [p.signatureScheme, p.rateLimitPerMinute, p.successRule])).toEqual([
      ['none', 20, { field: 'response.body.errcode', op: '=', value: 0 }],
      ['dingtalk', 20, { field: 'response.body.errcode', op: '=', value: 0 }],
      ['feishu', 100, { field: 'response.body.code', op: '=', value: 0 }],
    ]);
  });
});
