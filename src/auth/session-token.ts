import { hash, randomBytes } from 'crypto';

export const SESSION_COOKIE = 'herald_session';

/** 256 random bits in the cookie; the database keeps only their SHA-256 (like API keys). */
export function generateSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSessionToken(token: string): string {
  return hash('sha256', token, 'hex');
}

/** A cookie value worth looking up: our tokens are 43 base64url characters. */
export function isWellFormedToken(token: unknown): token is string {
  return typeof token === 'string' && /^[A-Za-z0-9_-]{43}$/.test(token);
}
