/** How SECRETS_KEY is written: 32 bytes as 64 hex digits, base64 (44 characters with one `=`) or base64url (43). */
const KEY_PATTERN = '(?:[0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=|[A-Za-z0-9_-]{43})';

/** SECRETS_KEY's and SECRETS_KEY_PREVIOUS's shapes: the config validates them, the secret box parses them. */
export const SECRETS_KEY_TEXT = new RegExp(`^${KEY_PATTERN}$`);
export const SECRETS_KEY_LIST_TEXT = new RegExp(`^\\s*${KEY_PATTERN}\\s*(?:,\\s*${KEY_PATTERN}\\s*)*$`);
