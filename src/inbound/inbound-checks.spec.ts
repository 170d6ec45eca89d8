import { createHmac } from 'crypto';
import { Webhook } from 'standardwebhooks';
import { checkCaller, hmacValid, ipAllowed, parseCidr } from './inbound-checks';

const raw = Buffer.from('{"phone":"13900000000"}');
const secret = 'a-shared-secret-0001';

describe('caller checks', () => {
  it('HMAC: GitHub form, bare hex, sha1, and nothing else', () => {
    const hex = createHmac('sha256', secret).update(raw).digest('hex');
    const check = { header: 'X-Hub-Signature-256', algorithm: 'sha256' as const, secret };
    expect(hmacValid(check, raw, { 'x-hub-signature-256': `sha256=${hex}` })).toBe(true);
    expect(hmacValid(check, raw, { 'x-hub-signature-256': hex.toUpperCase() })).toBe(true);
    expect(hmacValid(check, Buffer.from(raw.toString() + ' '), { 'x-hub-signature-256': `sha256=${hex}` })).toBe(false);
    expect(hmacValid(check, raw, {})).toBe(false);
    expect(hmacValid(check, raw, { 'x-hub-signature-256': 'sha256=' })).toBe(false);
    const sha1 = createHmac('sha1', secret).update(raw).digest('hex');
    expect(hmacValid({ header: 'X-Hub-Signature', algorithm: 'sha1', secret }, raw, { 'x-hub-signature': `sha1=${sha1}` })).toBe(true);
  });

  it('IP allowlists: IPv4, IPv6, single addresses, IPv4-mapped IPv6', () => {
    expect(ipAllowed(['127.0.0.1/32'], '127.0.0.1')).toBe(true);
    expect(ipAllowed(['127.0.0.1'], '::ffff:127.0.0.1')).toBe(true);
    expect(ipAllowed(['10.0.0.0/8'], '10.200.1.1')).toBe(true);
    expect(ipAllowed(['10.0.0.0/8'], '11.0.0.1')).toBe(false);
    expect(ipAllowed(['2001:db8::/32'], '2001:db8:1::5')).toBe(true);
    expect(ipAllowed(['2001:db8::/32'], '10.0.0.1')).toBe(false);
    expect(ipAllowed(['::1'], '::1')).toBe(true);
    expect(ipAllowed(['10.0.0.0/8'], 'not an address')).toBe(false);
    expect(() => parseCidr('10.0.0.0/33')).toThrow();
  });

  it('checks the address first (403), then signatures (401)', () => {
    const standard = `whsec_${Buffer.alloc(32, 1).toString('base64')}`;
    const at = new Date();
    const headers = {
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(standard).sign('msg_1', at, raw.toString()),
    };
    expect(checkCaller({ standardWebhooks: { secret: standard } }, raw, headers, '127.0.0.1')).toEqual({ ok: true });
    expect(checkCaller({ standardWebhooks: { secret: standard }, ipAllowlist: ['10.0.0.0/8'] }, raw, headers, '127.0.0.1')).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(checkCaller({ token: { header: 'X-T', value: 'v'.repeat(16) } }, raw, { 'x-t': 'v'.repeat(15) }, '127.0.0.1')).toMatchObject({
      ok: false,
      status: 401,
    });
  });
});
