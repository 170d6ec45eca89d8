import { client, data, type Page } from '../../lib/api';
import type { AuditEntry, AuditQuery } from './audit-model';

/** One page of `GET /api/audit-log` (newest first; `after` is the previous page's cursor, a number the keyset list keeps as text). */
export async function fetchAuditPage(query: AuditQuery & { after?: string }, signal: AbortSignal): Promise<Page<AuditEntry>> {
  const page = await data(client.GET('/api/audit-log', { params: { query: { ...query, after: query.after ? Number(query.after) : undefined } }, signal }));
  return { items: page.items, nextCursor: page.nextCursor === null ? null : String(page.nextCursor) };
}
