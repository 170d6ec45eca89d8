import { randomBytes } from 'crypto';

/** Crockford-style base32 without I, L, O, U: read aloud and typed by cashiers without confusion. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A 12-character code: 60 random bits, so clashes within a tenant are negligible (and the unique key refuses one). */
export function newCouponCode(random: (n: number) => Buffer = randomBytes): string {
  const bytes = random(12);
  let out = '';
  for (let i = 0; i < 12; i++) out += ALPHABET[bytes[i] & 31];
  return out;
}

/** Codes are matched case-insensitively and without spaces or dashes. */
export function normalizeCouponCode(input: string): string {
  return input.replace(/[\s-]/g, '').toUpperCase();
}
