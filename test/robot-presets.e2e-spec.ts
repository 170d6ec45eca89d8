import { createHmac, timingSafeEqual } from 'crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { Receiver, type Received } from './support/receiver';
import { createTenant, createTestApp, createTestWorker, TestApp, TestTenant } from './support/test-app';
import { until } from './support/until';

/*
 * Each robot's receiver is written here from its vendor's published verification, not from Herald's
 * code, and answers as the vendor does: HTTP 200 with its own error code when it refuses.
 */
const HOUR_MS = 3_600_000;
const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** DingTalk custom robot (加签): `timestamp` (ms) and `sign` in the query; sign = base64 HMAC-SHA256(secret, timestamp + "\n" + secret). */
function dingtalkRobot(secrets: Record<string, string>) {
  return (req: Received) => {
    const query = new URL(req.url, 'http://robot').searchParams;
    const secret = secrets[query.get('access_token') ?? ''];
    if (!secret) return { status: 200, body: JSON.stringify({ errcode: 300001, errmsg: 'token is not exist' }) };
    const timestamp = query.get('timestamp') ?? '';
    const expected = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
    if (Math.abs(Date.now() - Number(timestamp)) > HOUR_MS || !same(query.get('sign') ?? '', expected)) {
      return { status: 200, body: JSON.stringify({ errcode: 310000, errmsg: 'sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]' }) };
    }
    const body = JSON.parse(req.raw.toString());
    if (!['text', 'markdown', 'actionCard'].includes(body.msgtype))
      return { status: 200, body: JSON.stringify({ errcode: 40035, errmsg: '缺少参数 msgtype' }) };
    return { status: 200, body: JSON.stringify({ errcode: 0, errmsg: 'ok' }) };
  };
}

/** Feishu custom bot (签名校验): `timestamp` (s) and `sign` in the body; sign = base64 HMAC-SHA256 keyed by timestamp + "\n" + secret over nothing. */
function feishuBot(secret: string) {
  return (req: Received) => {
    const body = JSON.parse(req.raw.toString());
    const key = `${body.timestamp}\n${secret}`;
    const expected = createHmac('sha256', key).update('').digest('base64');
    if (Math.abs(Date.now() / 1000 - Number(body.timestamp)) > HOUR_MS / 1000 || !same(String(body.sign ?? ''), expected)) {
      return { status: 200, body: JSON.stringify({ code: 19021, data: {}, msg: 'sign match fail or timestamp is not within one hour from current time' }) };
    }
    if (!['text', 'post', 'interactive'].includes(body.msg_type)) return { status: 200, body: JSON.stringify({ code: 9499, data: {}, msg: 'Bad Request' }) };
    return { status: 200, body: JSON.stringify({ StatusCode: 0, StatusMessage: 'success', code: 0, data: {}, msg: 'success' }) };
  };
}

/** WeCom group robot: the key in the query is the credential; the body must be one of its message shapes. */
function wecomRobot(keys: string[]) {
  return (req: Received) => {
    const key = new URL(req.url, 'http://robot').searchParams.get('key') ?? '';
    if (!keys.includes(key))
      return { status: 200, body: JSON.stringify({ errcode: 93000, errmsg: 'invalid webhook url, hint: [1764921600_1] from ip: 127.0.0.1' }) };
    const body = JSON.parse(req.raw.toString());
    const ok =
      (body.msgtype === 'text' && typeof body.text?.content === 'string') ||
      (body.msgtype === 'markdown' && typeof body.markdown?.content === 'string') ||
      (body.msgtype === 'news' && Array.isArray(body.news?.articles) && body.news.articles.every((a: { title?: string; url?: string }) => a.title && a.url));
    return { status: 200, body: JSON.stringify(ok ? { errcode: 0, errmsg: 'ok' } : { errcode: 40008, errmsg: 'invalid message type' }) };
  };
}

interface Preset {
  id: string;
  signatureScheme: string;
  successRule: unknown;
  rateLimitPerMinute: number;
  name: { zh: string };
  messageTypes: { id: string; bodyTemplate: Record<string, unknown> }[];
}

describe('robot presets: WeCom, DingTalk and Feishu against receivers that verify as the vendors do', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let a: TestTenant;
  let receiver: Receiver;
  let presets: Record<string, Preset>;
  let customer: number;
  let group: number;
  const api = () => t.http();
  const DINGTALK_SECRET = 'SECb3f1c2d4e5f60718293a4b5c6d7e8f9012a3b4c5d6e7f8091a2b3c4d5e6f7a8';
  const FEISHU_SECRET = 'Xk2mPq9RtV4wYz7B1cD3eF';

  beforeAll(async () => {
    t = await createTestApp();
    worker = await createTestWorker(t.env);
    a = await createTenant(t, 'A');
    receiver = await Receiver.start();
    receiver.on('/robot/send', dingtalkRobot({ ding1: DINGTALK_SECRET }));
    receiver.on('/open-apis/bot/v2/hook/fs1', feishuBot(FEISHU_SECRET));
    receiver.on('/cgi-bin/webhook/send', wecomRobot(['wc1']));
    customer = (await api().post('/api/customers').set(a.auth).send({ name: '王小明', mobile: '13912345678' }).expect(201)).body.id;
    const other = (await api().post('/api/customers').set(a.auth).send({ name: '李雷', mobile: '13700000001' }).expect(201)).body.id;
    group = (await api().post('/api/groups').set(a.auth).send({ name: '两位客户', type: 'static' }).expect(201)).body.id;
    await api()
      .post(`/api/groups/${group}/members`)
      .set(a.auth)
      .send({ customerIds: [customer, other] })
      .expect(200);
    const list = await api().get('/api/webhook-presets').set(a.auth).expect(200);
    presets = Object.fromEntries(list.body.items.map((p: Preset) => [p.id, p]));
  });
  afterAll(async () => {
    await receiver.close();
    await worker.close();
    await t.close();
  });

  /** What the console does with a preset: fills the normal create. */
  const fromPreset = async (preset: Preset, url: string, secret?: string, type = 0) =>
    (
      await api()
        .post('/api/webhooks')
        .set(a.auth)
        .send({
          name: `${preset.name.zh} ${Math.random()}`,
          url,
          bodyTemplate: preset.messageTypes[type].bodyTemplate,
          signatureScheme: preset.signatureScheme,
          secret,
          successRule: preset.successRule,
          rateLimitPerMinute: preset.rateLimitPerMinute,
        })
        .expect(201)
    ).body;
  const testSend = async (id: number) => (await api().post(`/api/webhooks/${id}/test`).set(a.auth).send({ customerId: customer }).expect(200)).body;
  const massSend = async (webhookId: number) => {
    const send = (await api().post('/api/broadcasts').set(a.auth).send({ webhookId, groupId: group }).expect(201)).body;
    return until(
      async () => (await api().get(`/api/broadcasts/${send.id}`).set(a.auth).expect(200)).body,
      (b) => b.status === 'completed' || b.status === 'completed_with_failures',
      30_000,
      'the mass send to finish',
    );
  };

  it('lists the three presets with their signature, success rule and rate limit', () => {
    expect(Object.keys(presets)).toEqual(['wecom', 'dingtalk', 'feishu']);
    expect(presets.dingtalk).toMatchObject({
      signatureScheme: 'dingtalk',
      rateLimitPerMinute: 20,
      successRule: { field: 'response.body.errcode', op: '=', value: 0 },
    });
    expect(presets.feishu).toMatchObject({
      signatureScheme: 'feishu',
      rateLimitPerMinute: 100,
      successRule: { field: 'response.body.code', op: '=', value: 0 },
    });
    expect(presets.wecom).toMatchObject({ signatureScheme: 'none', rateLimitPerMinute: 20 });
  });

  it('DingTalk: the right secret is delivered (test send and mass send), the attempt shows its signed URL with the sign masked', async () => {
    const w = await fromPreset(presets.dingtalk, receiver.url('/robot/send?access_token=ding1'), DINGTALK_SECRET);
    const sent = await testSend(w.id);
    expect(sent).toMatchObject({ status: 'delivered', lastErrorClass: null, response: { body: '{"errcode":0,"errmsg":"ok"}' } });
    const [request] = receiver.at('/robot/send').slice(-1);
    expect(JSON.parse(request.raw.toString()).text.content).toContain('王小明');
    const signed = new URL(sent.attemptLog[0].request.url);
    expect(signed.searchParams.get('access_token')).toBe('ding1');
    expect(Number(signed.searchParams.get('timestamp'))).toBe(Number(new URL(request.url, 'http://x').searchParams.get('timestamp')));
    expect(sent.attemptLog[0].request.url).toMatch(/&sign=••••••$/);
    expect(JSON.stringify(sent)).not.toContain(DINGTALK_SECRET);
    expect(JSON.stringify(sent)).not.toContain(encodeURIComponent(new URL(request.url, 'http://x').searchParams.get('sign')!));

    expect(await massSend(w.id)).toMatchObject({ total: 2, delivered: 2, failed: 0 });
  });

  it('DingTalk: a wrong secret is failed, class rejected, with the robot`s message', async () => {
    const w = await fromPreset(presets.dingtalk, receiver.url('/robot/send?access_token=ding1'), 'SECwrong-secret-0000');
    const sent = await testSend(w.id);
    expect(sent).toMatchObject({
      status: 'failed',
      lastStatusCode: 200,
      lastErrorClass: 'rejected',
      lastError: '310000: sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]',
    });
    expect(await massSend(w.id)).toMatchObject({ total: 2, delivered: 0, failed: 2 });
    const failed = (await api().get('/api/deliveries').query({ webhookId: w.id, source: 'broadcast' }).set(a.auth).expect(200)).body.items;
    expect(failed.map((d: { lastErrorClass: string; attempts: number }) => [d.lastErrorClass, d.attempts])).toEqual([
      ['rejected', 1],
      ['rejected', 1],
    ]);
  });

  it('Feishu: the right secret is delivered, a wrong one rejected with the bot`s message; the attempt shows its body with the sign masked', async () => {
    const url = receiver.url('/open-apis/bot/v2/hook/fs1');
    const w = await fromPreset(presets.feishu, url, FEISHU_SECRET, 2);
    const sent = await testSend(w.id);
    expect(sent).toMatchObject({ status: 'delivered', lastErrorClass: null });
    const [request] = receiver.at('/open-apis/bot/v2/hook/fs1').slice(-1);
    const got = JSON.parse(request.raw.toString());
    expect(got).toMatchObject({ msg_type: 'interactive', card: { header: { title: { content: '客户动态：王小明' } } } });
    // Recorded as sent: the message's body with this attempt's timestamp, the sign masked.
    expect(sent.attemptLog[0].request.body).toEqual({ ...got, sign: '••••••' });
    expect(sent.request.body).not.toHaveProperty('sign');
    expect(JSON.stringify(sent)).not.toContain(got.sign);
    expect(await massSend(w.id)).toMatchObject({ total: 2, delivered: 2, failed: 0 });

    const wrong = await fromPreset(presets.feishu, url, 'not-the-bot-secret');
    expect(await testSend(wrong.id)).toMatchObject({
      status: 'failed',
      lastErrorClass: 'rejected',
      lastError: '19021: sign match fail or timestamp is not within one hour from current time',
    });
    expect(await massSend(wrong.id)).toMatchObject({ total: 2, delivered: 0, failed: 2 });
  });

  it('WeCom: every message type`s body is one the robot takes; a wrong key is rejected by errcode', async () => {
    for (let type = 0; type < presets.wecom.messageTypes.length; type++) {
      const w = await fromPreset(presets.wecom, receiver.url('/cgi-bin/webhook/send?key=wc1'), undefined, type);
      expect(await testSend(w.id)).toMatchObject({ status: 'delivered', response: { body: '{"errcode":0,"errmsg":"ok"}' } });
    }
    const bodies = receiver.at('/cgi-bin/webhook/send').map((r) => JSON.parse(r.raw.toString()));
    expect(bodies.map((b) => b.msgtype)).toEqual(['text', 'markdown', 'news']);
    expect(bodies[0].text.content).toContain('王小明（手机 13912345678）');
    expect(bodies[2].news.articles[0].url).toBe(`https://example.com/customers/${customer}`);
    // Nothing of its own to record: an unsigned attempt stores no URL or body beside its message's.
    const own = await t.db.query(
      'SELECT a.requestUrl, a.requestBody FROM delivery_attempts a JOIN deliveries d ON d.id = a.deliveryId WHERE d.tenantId = ? AND d.requestUrl LIKE ?',
      [a.id, '%/cgi-bin/webhook/send%'],
    );
    expect(own).toEqual([
      { requestUrl: null, requestBody: null },
      { requestUrl: null, requestBody: null },
      { requestUrl: null, requestBody: null },
    ]);

    const wrong = await fromPreset(presets.wecom, receiver.url('/cgi-bin/webhook/send?key=nope'));
    expect(await testSend(wrong.id)).toMatchObject({
      status: 'failed',
      lastErrorClass: 'rejected',
      lastError: expect.stringMatching(/^93000: invalid webhook url/),
    });
  });

  it('a preview of an unsaved robot webhook shows the URL and body as the first attempt would send them, signs masked', async () => {
    const ding = await api()
      .post('/api/webhooks/preview')
      .set(a.auth)
      .send({
        url: 'https://oapi.dingtalk.com/robot/send?access_token=abc',
        signatureScheme: 'dingtalk',
        secret: DINGTALK_SECRET,
        bodyTemplate: presets.dingtalk.messageTypes[0].bodyTemplate,
      })
      .expect(200);
    expect(ding.body.url).toMatch(/^https:\/\/oapi\.dingtalk\.com\/robot\/send\?access_token=abc&timestamp=\d{13}&sign=••••••$/);
    const fs = await api()
      .post('/api/webhooks/preview')
      .set(a.auth)
      .send({
        url: 'https://open.feishu.cn/open-apis/bot/v2/hook/x',
        signatureScheme: 'feishu',
        secret: FEISHU_SECRET,
        bodyTemplate: presets.feishu.messageTypes[0].bodyTemplate,
      })
      .expect(200);
    expect(fs.body.body).toEqual({
      timestamp: expect.stringMatching(/^\d{10}$/),
      sign: '••••••',
      msg_type: 'text',
      content: { text: expect.stringContaining('客户提醒') },
    });
    // Feishu adds its fields to an object: a template that is not one is refused, naming the field.
    const refused = await api()
      .post('/api/webhooks')
      .set(a.auth)
      .send({ name: 'x', url: 'https://open.feishu.cn/open-apis/bot/v2/hook/x', signatureScheme: 'feishu', secret: FEISHU_SECRET, bodyTemplate: ['a'] })
      .expect(400);
    expect(refused.body.problems).toEqual([expect.objectContaining({ path: 'bodyTemplate', code: 'feishu_object' })]);
  });
});
