import { createHmac, randomBytes } from 'crypto';
import { Webhook } from 'standardwebhooks';
import { basicAuthorization, dmhubSignature, dmsSignature, isStandardSecret, signatureHeaders, withDmsSignature } from './sign';

/** What a DM Hub receiver in Java does: HmacUtils.hmacSha256Hex(secret, str.replaceAll("\\s+", "")). */
const javaReceiver = (secret: string, raw: string) =>
  createHmac('sha256', secret)
    .update(raw.replace(/[ \t\n\v\f\r]+/g, ''))
    .digest('hex');

describe('signatures', () => {
  it('DM Hub: lowercase hex over the body minus Java whitespace only', () => {
    const body = JSON.stringify({ name: '张 三\u3000先生', note: 'a\u00a0b\tc\nd', q: '"\\' });
    const sig = dmhubSignature('s3cret', body);
    expect(sig).toMatch(/^[0-9a-f]{64}$/);
    expect(sig).toBe(javaReceiver('s3cret', body));
    // U+3000 and U+00A0 are not Java \s: removing them changes the signature.
    expect(sig).not.toBe(createHmac('sha256', 's3cret').update(body.replace(/\s+/g, '')).digest('hex'));
    // Whitespace a proxy might add between tokens does not matter to the receiver.
    expect(dmhubSignature('s3cret', '{"a": 1,\n "b": 2}')).toBe(dmhubSignature('s3cret', '{"a":1,"b":2}'));
  });

  it('Standard Webhooks: verifiable with the standardwebhooks library', () => {
    const secret = 'whsec_' + randomBytes(32).toString('base64');
    const now = new Date();
    const body = '{"hello":"世界 😀"}';
    const headers = signatureHeaders('standard', { current: secret }, 'msg_1', body, now);
    expect(new Webhook(secret).verify(body, headers)).toEqual({ hello: '世界 😀' });
    expect(() => new Webhook(secret).verify(body + ' ', headers)).toThrow();
  });

  it('rotation: old and new secrets both sign during the grace period', () => {
    const dm = signatureHeaders('dmhub', { current: 'new', previous: 'old' }, 'm', '{}', new Date());
    expect(dm['X-Clab-Hmac-Signature']).toBe(javaReceiver('old', '{}'));
    expect(dm['X-Clab-Hmac-Signature-New']).toBe(javaReceiver('new', '{}'));
    const oldKey = 'whsec_' + randomBytes(32).toString('base64');
    const newKey = 'whsec_' + randomBytes(32).toString('base64');
    const std = signatureHeaders('standard', { current: newKey, previous: oldKey }, 'm', '{}', new Date());
    expect(new Webhook(oldKey).verify('{}', std)).toEqual({});
    expect(new Webhook(newKey).verify('{}', std)).toEqual({});
  });

  it('DMS: signatureText is base64 HMAC-SHA1 over url + message event', () => {
    const body = withDmsSignature('pw', 'https://h/x', { event: '执行成功', taskId: 1 });
    expect(body.signatureMethod).toBe('HMAC_SHA1');
    const expected = createHmac('sha1', 'pw')
      .update('https://h/x' + JSON.stringify({ event: '执行成功', taskId: 1 }))
      .digest('base64');
    expect(body.signatureText).toBe(expected);
    expect(dmsSignature('pw', 'https://h/x', '{}')).toMatch(/^[A-Za-z0-9+/]+=*$/);
    // Re-signing replaces, never nests.
    expect(withDmsSignature('pw', 'https://h/x', body)).toEqual(body);
  });

  it('basic auth and secret checks', () => {
    expect(basicAuthorization('user', 'p:ss 密')).toBe('Basic ' + Buffer.from('user:p:ss 密').toString('base64'));
    expect(isStandardSecret('whsec_' + randomBytes(32).toString('base64'))).toBe(true);
    expect(isStandardSecret('whsec_short')).toBe(false);
    expect(isStandardSecret('plain-secret-value-1234567890')).toBe(false);
    expect(signatureHeaders('none', { current: 'x' }, 'm', '{}', new Date())).toEqual({});
    expect(signatureHeaders('dmhub', undefined, 'm', '{}', new Date())).toEqual({});
  });
});
