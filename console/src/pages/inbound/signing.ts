/**
 * Signatures for the curl example, computed in the browser with WebCrypto (the secret never leaves
 * the page). WebCrypto exists only in secure contexts (https, localhost): elsewhere callers get null
 * and show a placeholder.
 */
const enc = new TextEncoder();

function hex(buf: ArrayBuffer): string {
  return [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function hmac(hash: 'SHA-256' | 'SHA-1', key: BufferSource, data: string): Promise<ArrayBuffer> {
  const k = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash }, false, ['sign']);
  return crypto.subtle.sign('HMAC', k, enc.encode(data));
}

export const canSign = () => typeof crypto !== 'undefined' && !!crypto.subtle;

/** GitHub style: `sha256=<hex of HMAC(secret, body)>`. */
export async function hmacHeaderValue(algorithm: 'sha256' | 'sha1', secret: string, body: string): Promise<string | null> {
  if (!canSign()) return null;
  return `${algorithm}=${hex(await hmac(algorithm === 'sha1' ? 'SHA-1' : 'SHA-256', enc.encode(secret), body))}`;
}

/** Standard Webhooks v1: `v1,<base64 HMAC-SHA256(base64-decoded secret, id.timestamp.body)>`. */
export async function standardSignature(secret: string, id: string, timestamp: number, body: string): Promise<string | null> {
  if (!canSign()) return null;
  const key = Uint8Array.from(atob(secret.replace(/^whsec_/, '')), (c) => c.charCodeAt(0));
  const sig = new Uint8Array(await hmac('SHA-256', key, `${id}.${timestamp}.${body}`));
  return `v1,${btoa(String.fromCharCode(...sig))}`;
}
