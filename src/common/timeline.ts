/**
 * A customer's timeline, shared by the modules that answer for their own rows and the module
 * that merges them. Order: newest first by (at, kind, id) descending, so a cursor is stable even
 * when two sources write in the same millisecond. Pure (the query helper only shapes a builder it is given).
 */
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

export const TIMELINE_KINDS = ['event', 'form_submission', 'inbound_request', 'journey_run', 'message'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** `form_submission` is only asked between modules: the API shows the submission's form instead. */
export const TIMELINE_LINK_TYPES = ['delivery', 'journey_run', 'journey', 'form', 'inbound_trigger', 'broadcast', 'webhook', 'form_submission'] as const;
export type TimelineLinkType = (typeof TIMELINE_LINK_TYPES)[number];

export interface TimelineLink {
  type: TimelineLinkType;
  id: string;
  name: string | null;
}

/** One node a journey run went through. */
export interface TimelinePathStep {
  nodeId: string;
  type: string;
  label: string | null;
  outcome: string;
}

export interface TimelineEntry {
  kind: TimelineKind;
  /** The row's id in its own table (a message's UUID, else a number as text). */
  id: string;
  at: Date;
  /** What it was, by name: the webhook, the journey, the form, the inbound trigger, the event type. */
  title: string | null;
  /** The outcome in the source's own words (delivered, completed, accepted, …). */
  status: string;
  /** Where the console opens it. */
  link: TimelineLink | null;
  /** What made it, when something else did (a message's mass send or journey run). */
  via: TimelineLink | null;
  /** Where a message went (its webhook). */
  target?: TimelineLink | null;
  /** A journey run's path: the nodes it went through, in order. */
  path?: TimelinePathStep[];
  /** A deferred message's time it goes (quiet hours). */
  dueAt?: Date | null;
  /** One more fact worth a glance (the HTTP status, the node a run waits in, the event's points). */
  note?: string | null;
}

export interface TimelineCursor {
  at: Date;
  kind: TimelineKind;
  id: string;
}

/** What a source is asked: its rows about the customer before the cursor, newest first, at most `limit`. */
export interface TimelineQuery {
  tenantId: number;
  customerId: number;
  before: TimelineCursor | null;
  limit: number;
}

const rank = (kind: TimelineKind) => TIMELINE_KINDS.indexOf(kind);

function compareIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    const [x, y] = [BigInt(a), BigInt(b)];
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Newest first: a negative answer puts `a` before `b`. */
export function timelineOrder(a: Pick<TimelineEntry, 'at' | 'kind' | 'id'>, b: Pick<TimelineEntry, 'at' | 'kind' | 'id'>): number {
  return b.at.getTime() - a.at.getTime() || rank(b.kind) - rank(a.kind) || compareIds(b.id, a.id);
}

/**
 * The SQL keeping a source's rows that come after the cursor (older, or as old and lower in
 * (kind, id)). Column names are the caller's, e.g. `d.createdAt`, `d.id`.
 */
export function timelineBefore(kind: TimelineKind, cursor: TimelineCursor | null, at: string, id: string): { sql: string; params: Record<string, unknown> } {
  if (!cursor) return { sql: '1 = 1', params: {} };
  const params = { tlAt: cursor.at, tlId: cursor.id };
  if (rank(kind) < rank(cursor.kind)) return { sql: `${at} <= :tlAt`, params };
  if (rank(kind) > rank(cursor.kind)) return { sql: `${at} < :tlAt`, params };
  return { sql: `(${at} < :tlAt OR (${at} = :tlAt AND ${id} < :tlId))`, params };
}

/**
 * One module's page of a customer's timeline from its own table: the customer's rows after the cursor, newest
 * first, `limit` of them. The table has tenantId, customerId, createdAt and id (and an index over the first three).
 */
export function customerRowsAfter<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, kind: TimelineKind, q: TimelineQuery): SelectQueryBuilder<T> {
  const a = qb.alias;
  const before = timelineBefore(kind, q.before, `${a}.createdAt`, `${a}.id`);
  return qb
    .andWhere(`${a}.tenantId = :tenantId AND ${a}.customerId = :customerId`, { tenantId: q.tenantId, customerId: q.customerId })
    .andWhere(before.sql, before.params)
    .orderBy(`${a}.createdAt`, 'DESC')
    .addOrderBy(`${a}.id`, 'DESC')
    .take(q.limit);
}

/** The cursor as the API shows it: `<ms>.<kind>.<id>`. */
export function encodeTimelineCursor(e: Pick<TimelineEntry, 'at' | 'kind' | 'id'>): string {
  return `${e.at.getTime()}.${e.kind}.${e.id}`;
}

/** The cursor back, or null when it is not one of ours. */
export function decodeTimelineCursor(raw: string): TimelineCursor | null {
  const m = /^(\d{1,15})\.([a-z_]+)\.([0-9a-f-]{1,36})$/.exec(raw);
  if (!m || !(TIMELINE_KINDS as readonly string[]).includes(m[2])) return null;
  return { at: new Date(Number(m[1])), kind: m[2] as TimelineKind, id: m[3] };
}

/** Merges the sources' newest-first lists (each fetched with limit + 1) into one page. */
export function mergeTimeline(lists: TimelineEntry[][], limit: number): { items: TimelineEntry[]; nextCursor: string | null } {
  const all = lists.flat().sort(timelineOrder);
  const items = all.slice(0, limit);
  return { items, nextCursor: all.length > limit ? encodeTimelineCursor(items[items.length - 1]) : null };
}
