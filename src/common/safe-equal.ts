import { timingSafeEqual } from 'crypto';

/** Whether two secrets are equal, in time that does not depend on where they differ (a length mismatch answers at once). */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
