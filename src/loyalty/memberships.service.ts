import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { Page, toPage } from '../common/pagination';
import { conflictOnDuplicate } from '../common/sql';
import { fieldError } from '../common/validation';
import { Customer } from '../customers/customer.entity';
import { bulkInsert } from '../database/entity-sql';
import { levelChangeEvent } from '../events/event-payloads';
import { NewEvent, recordEvents } from '../events/outbox';
import { GroupsService } from '../groups/groups.service';
import type { TenantRef } from '../tenants/tenant-ref';
import type { CreateLevelDto, EnrolDto, MembershipQueryDto, UpdateMembershipDto } from './dto/loyalty.dto';
import { LoyaltyLevel } from './loyalty-level.entity';
import { Membership } from './membership.entity';

const PAGE = 1000;

/** Levels and memberships; a level change writes its up/down event in the same transaction. */
@Injectable()
export class MembershipsService {
  constructor(
    private readonly db: DataSource,
    private readonly groups: GroupsService,
  ) {}

  async createLevel(tenant: TenantRef, dto: CreateLevelDto): Promise<LoyaltyLevel> {
    const repo = this.db.getRepository(LoyaltyLevel);
    const row = repo.create({ tenantId: tenant.id, name: dto.name, rank: dto.rank });
    await repo.insert(row).catch(conflictOnDuplicate({
      UQ_loyalty_levels_tenant_rank: `A level with rank ${dto.rank} exists already`,
      UQ_loyalty_levels_tenant_name: `A level named "${dto.name}" exists already`,
    }));
    return repo.findOneByOrFail({ id: row.id });
  }

  listLevels(tenant: TenantRef): Promise<LoyaltyLevel[]> {
    return this.db.getRepository(LoyaltyLevel).find({ where: { tenantId: tenant.id }, order: { rank: 'ASC' } });
  }

  /** Enrols one customer (409 if a member already) or every customer of a group (members skipped). */
  async enrol(tenant: TenantRef, dto: EnrolDto): Promise<Membership | { enrolled: number; alreadyMembers: number; levelId: number }> {
    if ((dto.customerId === undefined) === (dto.groupId === undefined)) {
      throw fieldError('customerId', 'or groupId is required (exactly one of the two)');
    }
    const level = await this.enrolmentLevel(tenant, dto.levelId);
    if (dto.customerId !== undefined) {
      const customer = await this.db.getRepository(Customer).findOneBy({ id: dto.customerId, tenantId: tenant.id, tombstone: 0 });
      if (!customer) throw new NotFoundException(`Customer ${dto.customerId} not found`);
      const repo = this.db.getRepository(Membership);
      const row = repo.create({ tenantId: tenant.id, customerId: customer.id, levelId: level.id, points: 0 });
      await repo.insert(row).catch(conflictOnDuplicate({
        UQ_loyalty_memberships_tenant_customer: `Customer ${customer.id} is a member already`,
      }));
      return repo.findOneByOrFail({ id: row.id });
    }
    const group = await this.groups.find(tenant, dto.groupId!);
    let enrolled = 0;
    let seen = 0;
    for await (const page of this.groups.streamMembers(group, PAGE)) {
      seen += page.length;
      const { affectedRows } = await bulkInsert(this.db.manager, Membership, page.map((c) => ({
        tenantId: tenant.id, customerId: c.id, levelId: level.id, points: 0,
      })), { ignore: true });
      enrolled += affectedRows;
    }
    return { enrolled, alreadyMembers: seen - enrolled, levelId: level.id };
  }

  async list(tenant: TenantRef, q: MembershipQueryDto): Promise<Page<Membership & { customer: { id: number; name: string | null; mobile: string | null } | null }>> {
    const qb = this.db.getRepository(Membership).createQueryBuilder('m')
      .where('m.tenantId = :tenantId', { tenantId: tenant.id }).orderBy('m.id', 'ASC').take(q.limit + 1);
    if (q.customerId) qb.andWhere('m.customerId = :customerId', { customerId: q.customerId });
    if (q.levelId) qb.andWhere('m.levelId = :levelId', { levelId: q.levelId });
    if (q.after) qb.andWhere('m.id > :after', { after: q.after });
    const page = toPage(await qb.getMany(), q.limit);
    // The member's name and mobile ride along so a list can be read without a lookup per row.
    const ids = [...new Set(page.items.map((m) => m.customerId))];
    const customers: { id: number; name: string | null; mobile: string | null }[] = ids.length
      ? await this.db.query('SELECT id, name, mobile FROM customers WHERE tenantId = ? AND id IN (?)', [tenant.id, ids])
      : [];
    const byId = new Map(customers.map((c) => [c.id, c]));
    return { ...page, items: page.items.map((m) => ({ ...m, customer: byId.get(m.customerId) ?? null })) };
  }

  async get(tenant: TenantRef, id: number): Promise<Membership> {
    const m = await this.db.getRepository(Membership).findOneBy({ id, tenantId: tenant.id });
    if (!m) throw new NotFoundException(`Membership ${id} not found`);
    return m;
  }

  /**
   * Level and points. A level of higher rank emits loyalty/membership_level_up, lower rank
   * loyalty/membership_level_down, the same level nothing — in the transaction of the change.
   */
  async update(tenant: TenantRef, id: number, dto: UpdateMembershipDto): Promise<{ membership: Membership; event: string | null }> {
    return this.db.transaction(async (m) => {
      const current = await m.findOne(Membership, { where: { id, tenantId: tenant.id }, lock: { mode: 'pessimistic_write' } });
      if (!current) throw new NotFoundException(`Membership ${id} not found`);
      let event: NewEvent['payload'] | null = null;
      if (dto.levelId !== undefined && dto.levelId !== current.levelId) {
        const levels = await m.find(LoyaltyLevel, { where: { tenantId: tenant.id, id: In([current.levelId, dto.levelId]) } });
        const oldLevel = levels.find((l) => l.id === current.levelId);
        const newLevel = levels.find((l) => l.id === dto.levelId);
        if (!newLevel) throw fieldError('levelId', `${dto.levelId} is not a level of this program`);
        if (!oldLevel) throw new ConflictException(`Membership ${id} points at a missing level ${current.levelId}`);
        event = levelChangeEvent({ tenantId: tenant.id, membershipId: id, date: new Date(), oldLevel, newLevel }) as NewEvent['payload'] | null;
      }
      const changes: Partial<Membership> = {};
      if (dto.levelId !== undefined) changes.levelId = dto.levelId;
      if (dto.points !== undefined) changes.points = dto.points;
      if (Object.keys(changes).length) await m.update(Membership, { id }, changes);
      if (event) await recordEvents(m, [{ tenantId: tenant.id, payload: event, customerId: current.customerId, origin: 'loyalty' }]);
      return { membership: await m.findOneByOrFail(Membership, { id }), event: event?.event ?? null };
    });
  }

  private async enrolmentLevel(tenant: TenantRef, levelId?: number): Promise<LoyaltyLevel> {
    const repo = this.db.getRepository(LoyaltyLevel);
    if (levelId !== undefined) {
      const level = await repo.findOneBy({ id: levelId, tenantId: tenant.id });
      if (!level) throw fieldError('levelId', `${levelId} is not a level of this program`);
      return level;
    }
    const [lowest] = await repo.find({ where: { tenantId: tenant.id }, order: { rank: 'ASC' }, take: 1 });
    if (!lowest) throw new ConflictException('The loyalty program has no levels yet: create one first');
    return lowest;
  }
}
