/**
 * docs/ says what the code does: the signature examples are recomputed with src/signing/sign.ts, the
 * fixed-event tables and examples are checked against src/outbox/event-payloads.ts, and every link
 * stays inside the repository.
 */
import { existsSync, readdirSync, readFileSync } from 'fs';
import { dirname, join, resolve } from 'path';
import { customerView } from '../src/customers/customer-template-view';
import { CUSTOMER_EVENTS, FIXED_EVENTS, LOYALTY_EVENTS } from '../src/outbox/event-catalog';
import {
  customerEvent,
  dispatchCouponEvent,
  drawCouponEvent,
  levelChangeEvent,
  LoyaltyEvent,
  PAYLOAD_FIELDS,
  redeemCouponEvent,
  validateLoyaltyPayload,
} from '../src/outbox/event-payloads';
import { dmhubSignature, dmsSignature, standardSignature, withDmsSignature } from '../src/signing/sign';
import { dingtalkSignedUrl, withFeishuSign } from '../src/signing/robot-sign';
import { codeBlocks, labelledBlock, linkTargets, section, tableRows } from './support/markdown';

const DOCS = join(__dirname, '..', 'docs');
const read = (name: string) => readFileSync(join(DOCS, name), 'utf8');

describe('docs/signatures.md: the worked examples are what Herald computes', () => {
  const doc = read('signatures.md');

  it('DM Hub: body in, signed string and X-Clab-Hmac-Signature out', () => {
    const example = section(section(doc, '## DM Hub: `X-Clab-Hmac-Signature` (`dmhub`)'), '### Worked example');
    const [secret, body, signed, signature] = ['Secret', 'Body', 'Signed string', 'X-Clab-Hmac-Signature'].map((l) => labelledBlock(example, l));
    expect(body.replace(/[ \t\n\v\f\r]+/g, '')).toBe(signed);
    expect(dmhubSignature(secret, body)).toBe(signature);
    // The command line shown with the example carries the same numbers.
    const [commands] = codeBlocks(section(doc, '### Checking it in a receiver'), 'sh');
    expect(commands).toContain(`node docs/verify/verify.js ${secret} body.json ${signature}`);
  });

  it('Standard Webhooks: id, timestamp and body in, webhook-signature out', () => {
    const example = section(section(doc, '## Standard Webhooks (`standard`)'), '### Worked example');
    const [secret, id, timestamp, body, signed, signature] = ['Secret', 'webhook-id', 'webhook-timestamp', 'Body', 'Signed string', 'webhook-signature'].map(
      (l) => labelledBlock(example, l),
    );
    expect(signed).toBe(`${id}.${timestamp}.${body}`);
    const at = new Date(Number(timestamp) * 1000);
    expect(example).toContain(`**webhook-timestamp** (${at.toISOString().replace('.000', '')})`);
    expect(standardSignature(secret, id, at, body)).toBe(signature);
  });

  it('DMS: url and message event in, signatureText out, appended to the body', () => {
    const example = section(section(doc, '## DMS (`dms`)'), '### Worked example');
    const [secret, url, event, signed, body] = ['Secret', 'URL', 'Message event', 'Signed string', 'Body'].map((l) => labelledBlock(example, l));
    expect(signed).toBe(url + event);
    expect(JSON.stringify(withDmsSignature(secret, url, JSON.parse(event)))).toBe(body);
    expect(JSON.parse(body).signatureText).toBe(dmsSignature(secret, url, event));
    // What the page says a receiver may do instead of serialising again: cut the two fields off the raw body.
    expect(body.slice(0, body.indexOf(',"signatureMethod":"HMAC_SHA1","signatureText":"')) + '}').toBe(event);
  });

  it('DingTalk and Feishu: the signed URL and body are what Herald sends at that time', () => {
    const example = section(section(doc, '## Chat robots: DingTalk (`dingtalk`) and Feishu / Lark (`feishu`)'), '### Worked example');
    const [secret, timestamp, url, feishuSecret, body] = ['Secret', 'Timestamp', 'DingTalk URL', 'Feishu secret', 'Feishu body'].map((l) =>
      labelledBlock(example, l),
    );
    const at = new Date(Number(timestamp));
    expect(dingtalkSignedUrl(url.slice(0, url.indexOf('&timestamp=')), secret, at)).toBe(url);
    expect(withFeishuSign('{"msg_type":"text","content":{"text":"你好"}}', feishuSecret, at)).toBe(body);
  });
});

describe('docs/fixed-events.md: the payloads are what Herald builds and accepts', () => {
  const doc = read('fixed-events.md');
  const TYPES: Record<string, string> = { integer: 'number', string: 'string', 'date-time': 'date' };
  const example = (text: string) => {
    const [raw] = codeBlocks(text, 'json');
    return { raw, payload: JSON.parse(raw) };
  };

  it('lists the five loyalty events and nothing else under them', () => {
    const loyalty = section(doc, '## Loyalty events');
    expect([...loyalty.matchAll(/^### `([^`]+)`$/gm)].map((m) => m[1])).toEqual([...LOYALTY_EVENTS]);
  });

  it.each([...LOYALTY_EVENTS])('%s: the table has every field with its type, in order', (event) => {
    const rows = tableRows(section(doc, `### \`${event}\``));
    expect(rows.map(([field, type]) => [field, TYPES[type]])).toEqual(Object.entries(PAYLOAD_FIELDS[event as LoyaltyEvent]));
    expect(rows.find(([field]) => field === 'event')![2]).toBe(event);
  });

  it.each([...LOYALTY_EVENTS])('%s: the example is valid for POST /api/events and is exactly what the builder makes', (event) => {
    const { raw, payload: p } = example(section(doc, `### \`${event}\``));
    expect(p.event).toBe(event);
    expect(validateLoyaltyPayload(p, p.tenantId)).toEqual([]);
    const base = { tenantId: p.tenantId, membershipId: Number(p.membershipId), date: new Date(p.date) };
    const coupon = { id: Number(p.couponId), name: p.couponName, startDate: new Date(p.startDate ?? p.date), endDate: new Date(p.endDate ?? p.date) };
    const built = {
      'loyalty/membership_level_up': () =>
        levelChangeEvent({ ...base, oldLevel: { id: p.oldLevelId, name: p.oldLevel, rank: 1 }, newLevel: { id: p.newLevelId, name: p.newLevel, rank: 2 } }),
      'loyalty/membership_level_down': () =>
        levelChangeEvent({ ...base, oldLevel: { id: p.oldLevelId, name: p.oldLevel, rank: 2 }, newLevel: { id: p.newLevelId, name: p.newLevel, rank: 1 } }),
      'loyalty/loyalty_dispatch_coupon': () => dispatchCouponEvent({ ...base, coupon, code: p.couponCode, batchId: p.batchId }),
      'loyalty/membership_draw_coupon': () => drawCouponEvent({ ...base, coupon, code: p.couponCode }),
      'loyalty/membership_redeem_coupon': () => redeemCouponEvent({ ...base, coupon, code: p.couponCode }),
    }[event as LoyaltyEvent]();
    // Byte for byte: the body a webhook without a template receives.
    expect(JSON.stringify(built)).toBe(raw);
  });

  it('customer events: the table, the customer fields and the example are what the builder makes', () => {
    const customers = section(doc, '## Customer events');
    const rows = tableRows(customers);
    const { raw, payload: p } = example(section(customers, '### `customer/updated`'));
    const customer = customerView({ ...p.customer, createdAt: new Date(p.customer.createdAt), updatedAt: new Date(p.customer.updatedAt) });
    const built = customerEvent(p.event, p.tenantId, customer as { id: number }, new Date(p.date), p.changed);
    expect(JSON.stringify(built)).toBe(raw);
    expect(rows.map(([field]) => field)).toEqual(Object.keys(built));
    const listed = rows.find(([field]) => field === 'customer')![2];
    expect([...listed.matchAll(/`(\w+)`/g)].map((m) => m[1])).toEqual(Object.keys(customer));
    for (const event of CUSTOMER_EVENTS) expect(rows.find(([field]) => field === 'event')![2]).toContain(`\`${event}\``);
  });

  it('names every fixed event', () => {
    for (const event of FIXED_EVENTS) expect(doc).toContain(`\`${event}\``);
  });
});

describe('docs/: self-contained', () => {
  const files = readdirSync(DOCS, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md'));

  it.each(files)('%s links only to files in the repository', (file) => {
    for (const target of linkTargets(read(file))) {
      expect(target).not.toMatch(/^[a-z]+:/i);
      const path = resolve(dirname(join(DOCS, file)), target.split('#')[0]);
      expect(path.startsWith(resolve(DOCS, '..') + '/')).toBe(true);
      expect(existsSync(path)).toBe(true);
    }
  });

  it('docs/README.md indexes every document', () => {
    const index = read('README.md');
    const top = readdirSync(DOCS)
      .filter((f) => f !== 'README.md')
      .map((f) => (f.includes('.') ? f : `${f}/`));
    for (const entry of top) expect(linkTargets(index)).toContain(entry);
  });
});
