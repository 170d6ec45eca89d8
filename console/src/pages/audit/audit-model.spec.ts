import { en } from '../../i18n/en';
import { zh } from '../../i18n/zh';
import { ACTOR_TYPES, AUDIT_ACTIONS, AUDIT_RESOURCES, diffValue, resourcePath } from './audit-model';

describe('the audit screen`s model', () => {
  it('words every resource, action and actor of the document in both languages', () => {
    for (const dict of [zh, en] as Record<string, string>[]) {
      for (const r of AUDIT_RESOURCES) expect(dict[`audit.resource.${r}`]).toBeTruthy();
      for (const a of AUDIT_ACTIONS) expect(dict[`audit.action.${a}`]).toBeTruthy();
      for (const a of ACTOR_TYPES) expect(dict[`audit.actor.${a}`]).toBeTruthy();
    }
  });

  it('links a resource to its page, or to the list or settings tab it lives in', () => {
    expect(resourcePath('webhook', '7')).toBe('/webhooks/7');
    expect(resourcePath('broadcast', '3')).toBe('/sends/3');
    expect(resourcePath('inbound_trigger', '2')).toBe('/inbound/2');
    expect(resourcePath('api_key', '5')).toBe('/settings?tab=keys');
    expect(resourcePath('coupon', '9')).toBe('/loyalty');
    expect(resourcePath('session', '1')).toBeNull();
  });

  it('shows a value as one short line: strings as they are (masks too), the rest as JSON, long ones cut', () => {
    expect(diffValue('••••')).toBe('••••');
    expect(diffValue(60)).toBe('60');
    expect(diffValue('2027-01-04T15:59:59.999Z')).toMatch(/^2027-01-0[45] \d\d:59:59$/);
    expect(diffValue(null)).toBe('null');
    expect(diffValue({ a: [1, 2] })).toBe('{"a":[1,2]}');
    expect(diffValue({ long: 'x'.repeat(200) })).toHaveLength(118);
  });
});
