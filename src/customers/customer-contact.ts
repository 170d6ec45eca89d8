/** Mobile numbers are stored without spaces, dashes, dots or parentheses so "138 0013 8000" matches "13800138000". */
export function normalizeMobile(raw: string): string {
  return raw.replace(/[\s\-().]/g, '');
}

export const MOBILE_PATTERN = /^\+?\d{5,20}$/;

export function normalizeEmail(raw: string): string {
  return raw.trim().toLowerCase();
}
