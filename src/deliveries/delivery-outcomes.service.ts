import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { chunk } from '../common/sql';

/** A message as a caller waiting on it reads it: its status and why it failed. */
export interface MessageOutcome {
  id: string;
  status: string;
  lastError: string | null;
}

/** The last attempt's answer, as a journey's later nodes read it. */
export interface LastResponse {
  statusCode: number | null;
  responseHeaders: Record<string, string> | null;
  responseBody: string | null;
}

/** A message a form submission caused, as its list shows it. */
export interface MessageStatus {
  id: string;
  webhookId: number;
  status: string;
}

/**
 * What the modules that wait on messages (journeys, forms) read of them: how each one ended and
 * its last response. By message id, on the primary key: the callers keep the ids they made.
 */
@Injectable()
export class DeliveryOutcomes {
  constructor(private readonly db: DataSource) {}

  /** Each message's status and last error, and the last attempt's response of each (two queries for all of them). */
  async settled(ids: string[]): Promise<{ messages: Map<string, MessageOutcome>; responses: Map<string, LastResponse> }> {
    const messages = new Map<string, MessageOutcome>();
    const responses = new Map<string, LastResponse>();
    if (!ids.length) return { messages, responses };
    for (const d of (await this.db.query('SELECT id, status, lastError FROM deliveries WHERE id IN (?)', [ids])) as MessageOutcome[]) messages.set(d.id, d);
    const rows: { deliveryId: string; statusCode: number | null; responseHeaders: string | Record<string, string> | null; responseBody: string | null }[] =
      await this.db.query(
        'SELECT a.deliveryId, a.statusCode, a.responseHeaders, a.responseBody FROM delivery_attempts a ' +
          'JOIN (SELECT deliveryId, MAX(number) AS n FROM delivery_attempts WHERE deliveryId IN (?) GROUP BY deliveryId) last ' +
          'ON last.deliveryId = a.deliveryId AND last.n = a.number',
        [ids],
      );
    for (const r of rows) {
      responses.set(r.deliveryId, {
        statusCode: r.statusCode,
        responseBody: r.responseBody,
        responseHeaders: typeof r.responseHeaders === 'string' ? JSON.parse(r.responseHeaders) : r.responseHeaders,
      });
    }
    return { messages, responses };
  }

  /** Which of these messages reached a final status (delivered, failed, cancelled) before `before`. */
  async settledBefore(ids: string[], before: Date): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows: { id: string }[] = await this.db.query(
      "SELECT id FROM deliveries WHERE id IN (?) AND status IN ('delivered', 'failed', 'cancelled') AND updatedAt < ?",
      [ids, before],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** The tenant's messages with these ids: webhook and status (in statements of 1,000 ids). */
  async statuses(tenantId: number, ids: string[]): Promise<Map<string, MessageStatus>> {
    const out = new Map<string, MessageStatus>();
    for (const part of chunk(ids, 1000)) {
      const rows: MessageStatus[] = await this.db.query('SELECT id, webhookId, status FROM deliveries WHERE tenantId = ? AND id IN (?)', [tenantId, part]);
      for (const row of rows) out.set(String(row.id), { ...row, id: String(row.id) });
    }
    return out;
  }
}
