import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { mergePatch } from '../common/json-merge-patch';
import { Page, toPage } from '../common/pagination';
import { conflictOnDuplicate, escapeLike } from '../common/sql';
import { fieldError } from '../common/validation';
import { customerView } from '../deliveries/message-body';
import { customerEvent } from '../events/event-payloads';
import { NewEvent, recordEvents } from '../events/outbox';
import type { TenantRef } from '../tenants/tenant-ref';
import { attributesProblem } from './customer-attributes';
import { normalizeMobile } from './customer-contact';
import { Customer } from './customer.entity';
import { GroupMember } from '../groups/group-member.entity';
import type { CreateCustomerDto } from './dto/create-customer.dto';
import type { CustomerQueryDto } from './dto/customer-query.dto';
import type { UpdateCustomerDto } from './dto/update-customer.dto';

function assertAttributes(attributes: unknown): void {
  const problem = attributesProblem(attributes);
  if (problem) throw fieldError('attributes', problem);
}

/** A unique-key violation becomes a 409 that names the field. */
const conflictFromDuplicate = conflictOnDuplicate({
  UQ_customers_tenant_mobile: 'mobile already belongs to another customer',
  UQ_customers_tenant_email: 'email already belongs to another customer',
});

@Injectable()
export class CustomersService {
  constructor(
    private readonly db: DataSource,
    @InjectRepository(Customer) private readonly customers: Repository<Customer>,
  ) {}

  async create(tenant: TenantRef, dto: CreateCustomerDto): Promise<Customer> {
    assertAttributes(dto.attributes);
    return this.db.transaction(async (m) => {
      const row = m.create(Customer, { ...dto, tenantId: tenant.id, attributes: dto.attributes ?? {} });
      await m.insert(Customer, row).catch(conflictFromDuplicate);
      const created = await this.get(tenant, row.id, m);
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
    if (!row) throw new NotFoundException(`Customer ${id} not found`);
    return row;
  }

  async update(tenant: TenantRef, id: number, dto: UpdateCustomerDto): Promise<Customer> {
    return this.db.transaction(async (m) => {
      const current = await m.findOne(Customer, {
        where: { id, tenantId: tenant.id, tombstone: 0 },
        lock: { mode: 'pessimistic_write' },
      });
      if (!current) throw new NotFoundException(`Customer ${id} not found`);
      const { attributes, ...fields } = dto;
      const changes: Partial<Customer> = { ...fields };
      if (attributes !== undefined) {
        changes.attributes = mergePatch(current.attributes, attributes) as Customer['attributes'];
        assertAttributes(changes.attributes);
      }
      if (Object.keys(changes).length) {
        await m.update(Customer, { id, tenantId: tenant.id }, changes).catch(conflictFromDuplicate);
      }
      const updated = await this.get(tenant, id, m);
      const changed = changedFields(current, updated);
      if (changed.length) await this.emit(m, 'customer/updated', updated, changed);
      return updated;
    });
  }

  /** Soft delete: history keeps pointing at the row; static group memberships are removed. */
  async remove(tenant: TenantRef, id: number): Promise<void> {
    await this.db.transaction(async (m) => {
      const before = await m.findOne(Customer, { where: { id, tenantId: tenant.id, tombstone: 0 }, lock: { mode: 'pessimistic_write' } });
      if (!before) throw new NotFoundException(`Customer ${id} not found`);
      await m.update(Customer, { id, tenantId: tenant.id, tombstone: 0 }, { deletedAt: new Date(), tombstone: id });
      await m.delete(GroupMember, { tenantId: tenant.id, customerId: id });
      await this.emit(m, 'customer/deleted', before);
    });
  }

  /** Atomic increment: concurrent deltas never overwrite each other. */
  async addActivity(tenant: TenantRef, id: number, delta: number): Promise<Customer> {
    return this.db.transaction(async (m) => {
      const result = await m
        .createQueryBuilder()
        .update(Customer)
        // Clamped so a long run of deltas can never overflow the int column (a 500).
        .set({ activityScore: () => 'LEAST(GREATEST(activityScore + :delta, -2000000000), 2000000000)' })
        .where('id = :id AND tenantId = :tenantId AND tombstone = 0', { id, tenantId: tenant.id })
        .setParameter('delta', delta)
        .execute();
      if (!result.affected) throw new NotFoundException(`Customer ${id} not found`);
      const updated = await this.get(tenant, id, m);
      if (delta !== 0) await this.emit(m, 'customer/updated', updated, ['activityScore']);
      return updated;
    });
  }

  /** The lifecycle event, in the caller's transaction (outbox). */
  private async emit(m: EntityManager, event: CustomerEvent, c: Customer, changed?: string[]): Promise<void> {
    const payload = customerEvent(event, c.tenantId, customerView(c) as { id: number }, new Date(), changed);
    await recordEvents(m, [{ tenantId: c.tenantId, payload: payload as NewEvent['payload'], customerId: c.id, origin: 'customers' }]);
  }
}

type CustomerEvent = 'customer/created' | 'customer/updated' | 'customer/deleted';

const TRACKED_FIELDS = ['name', 'wechatNickname', 'mobile', 'email', 'activityScore', 'attributes'] as const;

/** Which customer fields an update really changed (an update that changes nothing emits no event). */
function changedFields(before: Customer, after: Customer): string[] {
  return TRACKED_FIELDS.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
}
