import { ApiError, type Page } from '../../lib/api';
import type { AuditEntry, AuditQuery } from './audit-model';

/** One page of `GET /api/audit-log` (newest first; `after` is the previous page's cursor). */
export async function fetchAuditPage(query: AuditQuery & { after?: string }, signal: AbortSignal): Promise<Page<AuditEntry>> {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') search.set(k, String(v));
  const res = await fetch(`/api/audit-log?${search}`, { credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' }, signal });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, body, res.statusText);
  const page = body as { items: AuditEntry[]; nextCursor: number | string | null };
  return { items: page.items, nextCursor: page.nextCursor === null ? null : String(page.nextCursor) };
}
