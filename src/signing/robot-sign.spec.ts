import { dingtalkSign, dingtalkSignedUrl, feishuSign, withFeishuSign } from './robot-sign';

// Vectors computed outside Herald, with Python's hmac/base64/urllib from the vendors' published samples.
const DINGTALK_SECRET = 'SEC1f5e9a3b7c2d4e6f8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f';
const FEISHU_SECRET = 'qwErTy1234567890abcdEF';
const AT = new Date(1764921600000);

describe('robot signatures', () => {
  it('DingTalk: base64 HMAC-SHA256(secret, "<ms>\\n<secret>"), URL-encoded in the query', () => {
    expect(dingtalkSign(DINGTALK_SECRET, AT.getTime())).toBe('Fb/VjMbCN2yurEvt8mMpRLJQ5ZdFK0FTOcx1xujnqb8=');
    const url = dingtalkSignedUrl('https://oapi.dingtalk.com/robot/send?access_token=abc123', DINGTALK_SECRET, AT);
    expect(url).toBe('https://oapi.dingtalk.com/robot/send?access_token=abc123&timestamp=1764921600000&sign=Fb%2FVjMbCN2yurEvt8mMpRLJQ5ZdFK0FTOcx1xujnqb8%3D');
  });

  it('DingTalk: a URL already carrying a timestamp and sign gets this attempt`s', () => {
    const url = dingtalkSignedUrl('https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1&sign=old', DINGTALK_SECRET, AT);
    const query = new URL(url).searchParams;
    expect(query.getAll('timestamp')).toEqual(['1764921600000']);
    expect(query.getAll('sign')).toEqual(['Fb/VjMbCN2yurEvt8mMpRLJQ5ZdFK0FTOcx1xujnqb8=']);
  });

  it('Feishu: base64 HMAC-SHA256 keyed by "<s>\\n<secret>" over nothing, added first to the body', () => {
    expect(feishuSign(FEISHU_SECRET, 1764921600)).toBe('WMSD6heBiRB9ssjklqyN6PXa6Z9OfYEBcewsxGjefw8=');
    const body = withFeishuSign('{"msg_type":"text","content":{"text":"你好"},"sign":"x"}', FEISHU_SECRET, new Date(1764921600999));
    expect(body).toBe('{"timestamp":"1764921600","sign":"WMSD6heBiRB9ssjklqyN6PXa6Z9OfYEBcewsxGjefw8=","msg_type":"text","content":{"text":"你好"}}');
  });

  it('Feishu: a body that is not a JSON object goes unchanged', () => {
    expect(withFeishuSign('[1]', FEISHU_SECRET, AT)).toBe('[1]');
    expect(withFeishuSign('not json', FEISHU_SECRET, AT)).toBe('not json');
  });
});
