import { HttpException, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { mergePatch } from '../common/json-merge-patch';
import { Page, toPage } from '../common/pagination';
import { errorBody } from '../common/http-exception.filter';
import { conflict, notFound } from '../common/api-error';
import { duplicateKeyName, escapeLike } from '../common/sql';
import { hydrate } from '../database/entity-sql';
import { FieldValidationException } from '../common/validation';
import { customerEvent } from '../outbox/event-payloads';
import { NewEvent, recordEvents } from '../outbox/outbox';
import type { TenantRef } from '../common/tenant-ref';
import { customerView } from './customer-template-view';
import { attributesProblem } from './customer-attributes';
import { applyCustomerChange, changedFields, CustomerChange } from './customer-change';
import { normalizeMobile } from './customer-contact';
import { Customer } from './customer.entity';
import type { CreateCustomerDto } from './dto/create-customer.dto';
import type { CustomerQueryDto } from './dto/customer-query.dto';
import type { UpdateCustomerDto } from './dto/update-customer.dto';

function assertAttributes(attributes: unknown): void {
  const problem = attributesProblem(attributes);
  if (problem) throw new FieldValidationException([problem]);
}

/** A unique-key violation becomes a 409 that names the field (the message) and the value taken (params). */
const conflictFromDuplicate =
  (values: { mobile?: string | null; email?: string | null }) =>
  (error: unknown): never => {
    const key = duplicateKeyName(error);
    if (key === 'UQ_customers_tenant_mobile') {
      throw conflict('customer_mobile_taken', 'mobile already belongs to another customer', { mobile: values.mobile ?? null });
    }
    if (key === 'UQ_customers_tenant_email') {
      throw conflict('customer_email_taken', 'email already belongs to another customer', { email: values.email ?? null });
    }
    throw error;
  };

const customerNotFound = (id: number) => notFound('customer_not_found', `Customer ${id} not found`, { id });

/** A customer's fields as the audit trail shows them. */
const audited = ({ name, wechatNickname, mobile, email, activityScore, attributes }: Customer) => ({
  name,
  wechatNickname,
  mobile,
  email,
  activityScore,
  attributes,
});

/** What another module does, in the same transaction, when a customer is deleted (groups drop its memberships). */
export type CustomerRemovalHook = (m: EntityManager, tenantId: number, customerId: number) => Promise<void>;

@Injectable()
export class CustomersService {
  constructor(
    private readonly db: DataSource,
    @InjectRepository(Customer) private readonly customers: Repository<Customer>,
    private readonly audit: AuditService,
  ) {}

  private readonly removalHooks: CustomerRemovalHook[] = [];

  /** Registers a hook run by remove() inside its transaction: modules above customers clean up their rows. */
  onRemove(hook: CustomerRemovalHook): void {
    this.removalHooks.push(hook);
  }

  async create(tenant: TenantRef, dto: CreateCustomerDto): Promise<Customer> {
    assertAttributes(dto.attributes);
    return this.db.transaction(async (m) => {
      const row = m.create(Customer, { ...dto, tenantId: tenant.id, attributes: dto.attributes ?? {} });
      await m.insert(Customer, row).catch(conflictFromDuplicate(dto));
      const created = await this.get(tenant, row.id, m);
      await this.audit.record(m, { tenantId: tenant.id, resource: 'customer', resourceId: row.id, action: 'created', after: audited(created) });
      await this.emit(m, 'customer/created', created);
      return created;
    });
  }

  async search(tenant: TenantRef, query: CustomerQueryDto): Promise<Page<Customer>> {
    const qb = this.customers
      .createQueryBuilder('c')
      .where('c.tenantId = :tenantId AND c.tombstone = 0', { tenantId: tenant.id })
      .orderBy('c.id', 'ASC')
      .take(query.limit + 1);
    if (query.after) qb.andWhere('c.id > :after', { after: query.after });
    if (query.subscribed !== undefined) qb.andWhere(query.subscribed ? 'c.unsubscribedAt IS NULL' : 'c.unsubscribedAt IS NOT NULL');
    if (query.q) {
      const like = `%${escapeLike(query.q)}%`;
      const mobile = normalizeMobile(query.q);
      qb.andWhere(
        mobile && /^\+?\d+$/.test(mobile)
          ? '(c.name LIKE :like OR c.wechatNickname LIKE :like OR c.mobile LIKE :mobile)'
          : '(c.name LIKE :like OR c.wechatNickname LIKE :like)',
        { like, mobile: `%${escapeLike(mobile)}%` },
      );
    }
    return toPage(await qb.getMany(), query.limit);
  }

  async get(tenant: TenantRef, id: number, manager?: EntityManager): Promise<Customer> {
    const repo = manager ? manager.getRepository(Customer) : this.customers;
    const row = await repo.findOne({ where: { id, tenantId: tenant.id, tombstone: 0 } });
    if (!row) throw customerNotFound(id);
    return row;
  }

  /** The live customer with this mobile, else the one with this email (as the import matches); values normalized. */
  async findByContact(tenant: TenantRef, contact: { mobile?: string | null; email?: string | null }): Promise<Customer | null> {
    if (contact.mobile) {
      const byMobile = await this.customers.findOne({ where: { tenantId: tenant.id, mobile: contact.mobile, tombstone: 0 } });
      if (byMobile) return byMobile;
    }
    if (contact.email) return this.customers.findOne({ where: { tenantId: tenant.id, email: contact.email, tombstone: 0 } });
    return null;
  }

  async update(tenant: TenantRef, id: number, dto: UpdateCustomerDto): Promise<Customer> {
    return this.db.transaction(async (m) => {
      const current = await m.findOne(Customer, {
        where: { id, tenantId: tenant.id, tombstone: 0 },
        lock: { mode: 'pessimistic_write' },
      });
      if (!current) throw customerNotFound(id);
      const { attributes, ...fields } = dto;
      const changes: Partial<Customer> = { ...fields };
      if (attributes !== undefined) {
        changes.attributes = mergePatch(current.attributes, attributes) as Customer['attributes'];
        assertAttributes(changes.attributes);
      }
      if (Object.keys(changes).length) {
        await m.update(Customer, { id, tenantId: tenant.id }, changes).catch(conflictFromDuplicate(changes));
      }
      const updated = await this.get(tenant, id, m);
      const { changed, previous } = changedFields(current, updated);
      if (changed.length) await this.emit(m, 'customer/updated', updated, changed, previous);
      await this.audit.record(m, { tenantId: tenant.id, resource: 'customer', resourceId: id, action: 'updated', before: current, after: audited(updated) });
      return updated;
    });
  }

  /** Soft delete: history keeps pointing at the row; static group memberships are removed. */
  async remove(tenant: TenantRef, id: number): Promise<void> {
    await this.db.transaction(async (m) => {
      const before = await m.findOne(Customer, { where: { id, tenantId: tenant.id, tombstone: 0 }, lock: { mode: 'pessimistic_write' } });
      if (!before) throw customerNotFound(id);
      await m.update(Customer, { id, tenantId: tenant.id, tombstone: 0 }, { deletedAt: new Date(), tombstone: id });
      for (const hook of this.removalHooks) await hook(m, tenant.id, id);
      await this.emit(m, 'customer/deleted', before);
      await this.audit.record(m, { tenantId: tenant.id, resource: 'customer', resourceId: id, action: 'deleted', before: audited(before) });
    });
  }

  /** Atomic increment: concurrent deltas never overwrite each other. */
  async addActivity(tenant: TenantRef, id: number, delta: number): Promise<Customer> {
    return this.db.transaction(async (m) => {
      // The score before, for threshold triggers (the row stays locked until commit).
      const [before] = await m.query('SELECT activityScore FROM customers WHERE id = ? AND tenantId = ? AND tombstone = 0 FOR UPDATE', [id, tenant.id]);
      const result = await m
        .createQueryBuilder()
        .update(Customer)
        // Clamped so a long run of deltas can never overflow the int column (a 500).
        .set({ activityScore: () => 'LEAST(GREATEST(activityScore + :delta, -2000000000), 2000000000)' })
        .where('id = :id AND tenantId = :tenantId AND tombstone = 0', { id, tenantId: tenant.id })
        .setParameter('delta', delta)
        .execute();
      if (!result.affected) throw customerNotFound(id);
      const updated = await this.get(tenant, id, m);
      if (updated.activityScore !== before?.activityScore) {
        await this.emit(m, 'customer/updated', updated, ['activityScore'], { activityScore: before.activityScore });
      }
      return updated;
    });
  }

  /**
   * Automation's changes (a journey's update_customer nodes), in the caller's transaction: the
   * customers are locked, each change applied in order (several may name one customer), written,
   * and customer/updated recorded for each one that changed. Answers per item: the customer
   * after, or why its change was refused (bad value, mobile taken, customer deleted).
   */
  async applyChanges(
    m: EntityManager,
    tenantId: number,
    items: { customerId: number; change: CustomerChange }[],
  ): Promise<({ customer: Customer } | { error: string })[]> {
    const ids = [...new Set(items.map((i) => i.customerId))];
    if (!ids.length) return [];
    const rows = hydrate(m, Customer, await m.query('SELECT * FROM customers WHERE tenantId = ? AND id IN (?) AND tombstone = 0 FOR UPDATE', [tenantId, ids]));
    const current = new Map(rows.map((c) => [c.id, c]));
    const original = new Map(rows.map((c) => [c.id, { ...c, attributes: structuredClone(c.attributes) }]));
    const results: ({ customer: Customer } | { error: string })[] = [];
    const dirty = new Set<number>();
    for (const { customerId, change } of items) {
      const before = current.get(customerId);
      if (!before) {
        results.push({ error: `customer ${customerId} not found (deleted?)` });
        continue;
      }
      try {
        const after = applyCustomerChange(before, change);
        assertAttributes(after.attributes);
        if (after.mobile !== before.mobile || after.email !== before.email) {
          // A new mobile or email may belong to someone else: its own statement, so a conflict refuses only this change.
          await m
            .query(
              'UPDATE customers SET name = ?, wechatNickname = ?, mobile = ?, email = ?, activityScore = ?, attributes = ? WHERE id = ? AND tenantId = ?',
              [after.name, after.wechatNickname, after.mobile, after.email, after.activityScore, JSON.stringify(after.attributes), customerId, tenantId],
            )
            .catch(conflictFromDuplicate(after));
        } else if (changedFields(before, after).changed.length) {
          dirty.add(customerId);
        }
        current.set(customerId, after);
        results.push({ customer: after });
      } catch (error) {
        results.push({ error: error instanceof HttpException ? errorBody(error).message : (error as Error).message });
      }
    }
    if (dirty.size) {
      // The rest in one statement: rows are locked and their keys unchanged, so each VALUES row meets only its own row.
      const rowsToWrite = [...dirty].map((id) => current.get(id)!);
      await m.query(
        'INSERT INTO customers (id, tenantId, name, wechatNickname, activityScore, attributes) VALUES ? ON DUPLICATE KEY UPDATE ' +
          'name = VALUES(name), wechatNickname = VALUES(wechatNickname), activityScore = VALUES(activityScore), attributes = VALUES(attributes)',
        [rowsToWrite.map((c) => [c.id, tenantId, c.name, c.wechatNickname, c.activityScore, JSON.stringify(c.attributes)])],
      );
    }
    const changedIds = ids.filter((id) => original.has(id) && changedFields(original.get(id)!, current.get(id)!).changed.length);
    if (changedIds.length) {
      const fresh = new Map(hydrate(m, Customer, await m.query('SELECT * FROM customers WHERE id IN (?)', [changedIds])).map((c) => [c.id, c]));
      await recordEvents(
        m,
        changedIds.map((id) => {
          const { changed, previous } = changedFields(original.get(id)!, fresh.get(id)!);
          const payload = customerEvent('customer/updated', tenantId, customerView(fresh.get(id)!), new Date(), changed);
          return { tenantId, payload: payload as NewEvent['payload'], customerId: id, origin: 'journey' as const, previous };
        }),
      );
      for (const r of results) if ('customer' in r && fresh.has(r.customer.id)) r.customer = fresh.get(r.customer.id)!;
    }
    return results;
  }

  /** The lifecycle event, in the caller's transaction (outbox). */
  private async emit(m: EntityManager, event: CustomerEvent, c: Customer, changed?: string[], previous?: Record<string, unknown>): Promise<void> {
    const payload = customerEvent(event, c.tenantId, customerView(c), new Date(), changed);
    await recordEvents(m, [{ tenantId: c.tenantId, payload: payload as NewEvent['payload'], customerId: c.id, origin: 'customers', previous }]);
  }
}

type CustomerEvent = 'customer/created' | 'customer/updated' | 'customer/deleted';
