/** Masking of secrets in what we return and record. Pure. */
const SENSITIVE_HEADER = /authorization|cookie|token|secret|password|passwd|api[-_]?key|signature|credential/i;
export const MASK = '••••••';

export function isSensitiveHeader(name: string): boolean {
  return SENSITIVE_HEADER.test(name);
}

/** Values of headers that carry credentials are replaced; the names stay, so a reader sees they were sent. */
export function maskHeaders(headers: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name] = isSensitiveHeader(name) && !/^x-clab-hmac-signature|^webhook-signature$/i.test(name) ? MASK : String(value);
  }
  return out;
}

/**
 * The headers of one attempt that its delivery's stored headers do not already say (the attempt
 * number, signatures, and anything changed since): an attempt row stores only these.
 */
export function ownHeaders(sent: Record<string, string>, stored: Record<string, string>): Record<string, string> {
  const own: Record<string, string> = {};
  for (const [name, value] of Object.entries(sent)) if (stored[name] !== value) own[name] = value;
  return own;
}

/** A secret's last 4 characters, only when it is long enough that they give nothing away. */
export function secretHint(secret: string | null | undefined): string | null {
  if (!secret) return null;
  return secret.length >= 20 ? `${MASK}${secret.slice(-4)}` : MASK;
}

/** A URL without userinfo (credentials go to basic auth, never into logs). */
export function stripUserinfo(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return url;
  }
}
