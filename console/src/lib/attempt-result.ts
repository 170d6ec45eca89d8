import type { MessageKey } from '../i18n';

/**
 * A message's last result in words: a refusal in a 200's body reads 接收方拒绝 (HTTP 200 alone would read as
 * success), an answer as its HTTP status, no answer as why (超时, 连接被拒绝 …).
 */
export function attemptResult(t: (key: MessageKey) => string, statusCode: number | null | undefined, errorClass: string | null | undefined): string {
  const why = errorClass ? t(`errorClass.${errorClass}` as MessageKey) : null;
  if (errorClass === 'rejected') return `${why} · HTTP ${statusCode}`;
  if (statusCode) return `HTTP ${statusCode}`;
  return why ?? '—';
}
