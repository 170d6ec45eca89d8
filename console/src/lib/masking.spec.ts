import { looksMasked } from './masking';

describe('looksMasked', () => {
  it('says a masked mobile, email or secret is masked', () => {
    expect(looksMasked('138****8000')).toBe(true);
    expect(looksMasked('z***@example.com')).toBe(true);
    expect(looksMasked('••••')).toBe(true);
  });
  it('says a whole value, an empty one and none are not', () => {
    expect(looksMasked('13800138000')).toBe(false);
    expect(looksMasked('zhangwei@example.com')).toBe(false);
    expect(looksMasked('')).toBe(false);
    expect(looksMasked(null)).toBe(false);
    expect(looksMasked(undefined)).toBe(false);
  });
});
