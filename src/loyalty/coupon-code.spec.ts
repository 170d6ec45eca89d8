import { newCouponCode, normalizeCouponCode } from './coupon-code';

describe('coupon codes', () => {
  it('are 12 characters without I, L, O or U', () => {
    const codes = Array.from({ length: 2000 }, () => newCouponCode());
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('map each random byte to one character by its low 5 bits', () => {
    expect(newCouponCode(() => Buffer.from([0, 1, 2, 31, 32, 33, 255, 18, 19, 20, 30, 29]))).toBe('012Z01ZJKMYX');
  });

  it('match case-insensitively and without spaces or dashes', () => {
    expect(normalizeCouponCode(' abcd-2345 wxyz ')).toBe('ABCD2345WXYZ');
  });
});
