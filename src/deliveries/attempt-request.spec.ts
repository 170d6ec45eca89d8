import { createHmac } from 'crypto';
import { MASK } from '../common/credential-mask';
import { attemptHeaders } from './attempt-headers';
import { attemptRequest, shownRequest } from './attempt-request';

const now = new Date('2026-12-05T08:00:00.000Z');
const message = { id: '0190a0b0-0000-7000-8000-000000000001', event: 'webhook/test', requestMethod: 'POST', requestBody: '{"msg_type":"text"}' };
const webhook = {
  url: 'https://oapi.dingtalk.com/robot/send?access_token=t0k',
  headers: {},
  basicAuthUsername: null,
  basicAuthPassword: null,
  signatureScheme: 'none' as 'none' | 'dingtalk' | 'feishu' | 'dmhub',
  secret: null as string | null,
  previousSecret: null,
  previousSecretExpiresAt: null,
};

describe('attemptRequest', () => {
  it('is the webhook`s URL, the attempt`s headers and the message`s body when nothing signs the URL or body', () => {
    const dmhub = { ...webhook, signatureScheme: 'dmhub' as const, secret: 'dmhub-secret' };
    const req = attemptRequest(message, dmhub, 2, now);
    expect(req).toEqual({ url: dmhub.url, headers: attemptHeaders(message, dmhub, 2, message.requestBody, now), body: message.requestBody });
    expect(attemptRequest({ ...message, requestMethod: 'GET' }, webhook, 1, now).body).toBeUndefined();
  });

  it('DingTalk: this attempt`s timestamp (ms) and sign in the query; shown with the sign masked', () => {
    const req = attemptRequest(message, { ...webhook, signatureScheme: 'dingtalk', secret: 'SECabc12345' }, 1, now);
    const query = new URL(req.url).searchParams;
    expect(query.get('access_token')).toBe('t0k');
    expect(query.get('timestamp')).toBe(String(now.getTime()));
    expect(query.get('sign')).toBe(createHmac('sha256', 'SECabc12345').update(`${now.getTime()}\nSECabc12345`).digest('base64'));
    expect(req.body).toBe(message.requestBody);
    const shown = shownRequest(req, 'dingtalk');
    expect(shown.url).toBe(`${webhook.url}&timestamp=${now.getTime()}&sign=${MASK}`);
  });

  it('Feishu: timestamp (s) and sign on top of the body; shown with the sign masked', () => {
    const req = attemptRequest(message, { ...webhook, signatureScheme: 'feishu', secret: 'feishu-secret' }, 1, now);
    const seconds = now.getTime() / 1000;
    const sign = createHmac('sha256', `${seconds}\nfeishu-secret`).update('').digest('base64');
    expect(JSON.parse(req.body!)).toEqual({ timestamp: String(seconds), sign, msg_type: 'text' });
    expect(req.url).toBe(webhook.url);
    expect(JSON.parse(shownRequest(req, 'feishu').body!)).toEqual({ timestamp: String(seconds), sign: MASK, msg_type: 'text' });
  });

  it('shows other requests as they went, credential headers masked', () => {
    const req = { url: 'https://x.test/a', headers: { Authorization: 'Basic abc', 'X-Herald-Attempt': '1' }, body: '{"sign":"mine"}' };
    expect(shownRequest(req, 'none')).toEqual({ ...req, headers: { Authorization: MASK, 'X-Herald-Attempt': '1' } });
  });
});
