import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository, SelectQueryBuilder } from 'typeorm';
import { hydrate } from '../database/entity-sql';
import { Customer } from './customer.entity';
import type { CustomerSummaryView } from '../openapi/summary.dto';
import type { CustomerBrief, CustomerShape } from './customer-shape';

/**
 * The customers table's reads for other modules (journeys, forms, inbound, the relay, groups,
 * loyalty, broadcasts): they ask here instead of naming the table. The SQL is the callers' former
 * SQL, moved: the relay and the journey executor load a page of customers per batch this way.
 */
@Injectable()
export class CustomerLookup {
  constructor(
    private readonly db: DataSource,
    @InjectRepository(Customer) private readonly customers: Repository<Customer>,
  ) {}

  /** The customers with these ids, deleted ones included (a run or an event keeps its customer), any tenant. */
  async byIds(ids: number[], m: EntityManager = this.db.manager): Promise<Map<number, CustomerShape>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    const rows = hydrate(m, Customer, await m.query('SELECT * FROM `customers` WHERE `id` IN (?)', [unique]));
    return new Map(rows.map((c) => [c.id, c]));
  }

  /** One customer by id, deleted included; null when there is none. */
  async byId(id: number): Promise<CustomerShape | null> {
    return (await this.byIds([id])).get(id) ?? null;
  }

  /** The tenant's highest customer id so far (0 with none): pins "the group as it is now" for later reads. */
  async maxId(tenantId: number, m: EntityManager = this.db.manager): Promise<number> {
    const [row] = await m.query('SELECT COALESCE(MAX(id), 0) AS m FROM customers WHERE tenantId = ?', [tenantId]);
    return Number(row.m);
  }

  /** Name and mobile of the tenant's customers with these ids (deleted included), for lists of other records. */
  async briefs(tenantId: number, ids: number[]): Promise<CustomerBrief[]> {
    if (!ids.length) return [];
    return this.db.query('SELECT id, name, mobile FROM customers WHERE tenantId = ? AND id IN (?)', [tenantId, ids]);
  }

  /** Name and mobile of the tenant's customers with these ids (deleted included), by id: other records' views name them. */
  async summaries(tenantId: number, ids: (number | null)[]): Promise<Map<number, CustomerSummaryView>> {
    const rows = await this.briefs(tenantId, [...new Set(ids.filter((id): id is number => id !== null))]);
    return new Map(rows.map((c) => [c.id, { id: c.id, name: c.name, mobile: c.mobile }]));
  }

  /** Which of these ids are live customers of the tenant. */
  async liveIds(tenantId: number, ids: number[]): Promise<number[]> {
    if (!ids.length) return [];
    const rows = await this.customers.find({ select: { id: true }, where: { tenantId, tombstone: 0, id: In(ids) } });
    return rows.map((c) => c.id);
  }

  /**
   * The tenant's live customers as a query (alias `c`), for groups to narrow (a join on their
   * members, or a segment rule compiled against the customers' columns).
   */
  liveQuery(tenantId: number): SelectQueryBuilder<CustomerShape> {
    return this.customers.createQueryBuilder('c').where('c.tenantId = :tenantId AND c.tombstone = 0', { tenantId });
  }

  /** Customers from raw rows of a liveQuery selecting `c.*` (columns converted as TypeORM would). */
  fromRows(raw: Record<string, unknown>[]): CustomerShape[] {
    return hydrate(this.db.manager, Customer, raw);
  }
}

/** A customer id's summary from `summaries`, or null without one; a customer gone from the table keeps its id. */
export function customerRef(summaries: Map<number, CustomerSummaryView>, id: number | null): CustomerSummaryView | null {
  if (id === null) return null;
  return summaries.get(id) ?? { id, name: null, mobile: null };
}
