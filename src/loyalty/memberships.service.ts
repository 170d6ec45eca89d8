import { AuditService } from '../audit/audit.service';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { conflict, notFound } from '../common/api-error';
import { toPage } from '../common/pagination';
import { duplicateKeyName } from '../common/sql';
import { fieldError } from '../common/validation';
import { CustomerLookup } from '../customers/customer-lookup.service';
import { CustomersService } from '../customers/customers.service';
import { bulkInsert } from '../database/entity-sql';
import { levelChangeEvent } from '../outbox/event-payloads';
import { NewEvent, recordEvents } from '../outbox/outbox';
import { GroupsService } from '../groups/groups.service';
import type { TenantRef } from '../common/tenant-ref';
import type { CreateLevelDto, EnrolDto, MembershipQueryDto, UpdateMembershipDto } from './dto/loyalty.dto';
import type { EnrolReport, LevelView, MemberCustomerView, MembershipChange, MembershipPage, MembershipView } from './dto/loyalty-view.dto';
import { toLevelView, toMembershipView } from './loyalty-view';
import { LoyaltyLevel } from './loyalty-level.entity';
import { Membership } from './membership.entity';

const PAGE = 1000;

const membershipNotFound = (id: number) => notFound('membership_not_found', `Membership ${id} not found`, { id });
const notALevel = (id: number) => fieldError('levelId', `${id} is not a level of this program`, 'level_not_found', { id });

/** A unique key's violation as its 409 (a code with the values that clashed); other errors as they are. */
function conflictOn(keys: Record<string, () => Error>) {
  return (error: unknown): never => {
    throw keys[duplicateKeyName(error) ?? '']?.() ?? error;
  };
}

/** Levels and memberships; a level change writes its up/down event in the same transaction. */
@Injectable()
export class MembershipsService {
  constructor(
    private readonly db: DataSource,
    private readonly groups: GroupsService,
    private readonly customers: CustomersService,
    private readonly customerLookup: CustomerLookup,
    private readonly audit: AuditService,
  ) {}

  async createLevel(tenant: TenantRef, dto: CreateLevelDto): Promise<LevelView> {
    const repo = this.db.getRepository(LoyaltyLevel);
    const row = repo.create({ tenantId: tenant.id, name: dto.name, rank: dto.rank });
    const after = { name: dto.name, rank: dto.rank };
    const change = () => ({ tenantId: tenant.id, resource: 'loyalty_level', resourceId: row.id, action: 'created', after }) as const;
    await this.audit
      .transaction(this.db.manager, (m) => m.insert(LoyaltyLevel, row), change)
      .catch(
        conflictOn({
          UQ_loyalty_levels_tenant_rank: () => conflict('level_rank_taken', `A level with rank ${dto.rank} exists already`, { rank: dto.rank }),
          UQ_loyalty_levels_tenant_name: () => conflict('level_name_taken', `A level named "${dto.name}" exists already`, { name: dto.name }),
        }),
      );
    return toLevelView(await repo.findOneByOrFail({ id: row.id }));
  }

  async listLevels(tenant: TenantRef): Promise<LevelView[]> {
    return (await this.db.getRepository(LoyaltyLevel).find({ where: { tenantId: tenant.id }, order: { rank: 'ASC' } })).map(toLevelView);
  }

  /** Enrols one customer (409 if a member already) or every customer of a group (members skipped). */
  async enrol(tenant: TenantRef, dto: EnrolDto): Promise<MembershipView | EnrolReport> {
    if ((dto.customerId === undefined) === (dto.groupId === undefined)) {
      throw fieldError('customerId', 'or groupId is required (exactly one of the two)', 'exactly_one_of', { fields: ['customerId', 'groupId'] });
    }
    const level = await this.enrolmentLevel(tenant, dto.levelId);
    if (dto.customerId !== undefined) {
      const customer = await this.customers.get(tenant, dto.customerId);
      const repo = this.db.getRepository(Membership);
      const row = repo.create({ tenantId: tenant.id, customerId: customer.id, levelId: level.id, points: 0 });
      const after = { customerId: customer.id, levelId: level.id, points: 0 };
      const change = () => ({ tenantId: tenant.id, resource: 'membership', resourceId: row.id, action: 'created', after }) as const;
      await this.audit
        .transaction(this.db.manager, (m) => m.insert(Membership, row), change)
        .catch(
          conflictOn({
            UQ_loyalty_memberships_tenant_customer: () =>
              conflict('membership_exists', `Customer ${customer.id} is a member already`, { customerId: customer.id }),
          }),
        );
      return toMembershipView(await repo.findOneByOrFail({ id: row.id }));
    }
    const group = await this.groups.find(tenant, dto.groupId!);
    let enrolled = 0;
    let seen = 0;
    for await (const page of this.groups.streamMembers(group, PAGE)) {
      seen += page.length;
      const write = (m: EntityManager) =>
        bulkInsert(
          m,
          Membership,
          page.map((c) => ({
            tenantId: tenant.id,
            customerId: c.id,
            levelId: level.id,
            points: 0,
          })),
          { ignore: true },
        );
      const after = { groupId: group.id, levelId: level.id, enrolled: 0 };
      const change = ({ affectedRows }: { affectedRows: number }) =>
        affectedRows ? ({ tenantId: tenant.id, resource: 'membership', action: 'created', after: { ...after, enrolled: affectedRows } } as const) : null;
      const { affectedRows } = await this.audit.transaction(this.db.manager, write, change);
      enrolled += affectedRows;
    }
    return { enrolled, alreadyMembers: seen - enrolled, levelId: level.id };
  }

  async list(tenant: TenantRef, q: MembershipQueryDto): Promise<MembershipPage> {
    const qb = this.db
      .getRepository(Membership)
      .createQueryBuilder('m')
      .where('m.tenantId = :tenantId', { tenantId: tenant.id })
      .orderBy('m.id', 'ASC')
      .take(q.limit + 1);
    if (q.customerId) qb.andWhere('m.customerId = :customerId', { customerId: q.customerId });
    if (q.levelId) qb.andWhere('m.levelId = :levelId', { levelId: q.levelId });
    if (q.after) qb.andWhere('m.id > :after', { after: q.after });
    const page = toPage(await qb.getMany(), q.limit);
    // The member's name and mobile ride along so a list can be read without a lookup per row.
    const ids = [...new Set(page.items.map((m) => m.customerId))];
    const customers: MemberCustomerView[] = await this.customerLookup.briefs(tenant.id, ids);
    const byId = new Map(customers.map((c) => [c.id, c]));
    return { ...page, items: page.items.map((m) => ({ ...toMembershipView(m), customer: byId.get(m.customerId) ?? null })) };
  }

  /** The customer behind one of the tenant's memberships, or null (events published from outside name memberships). */
  async customerIdOf(tenantId: number, membershipId: number): Promise<number | null> {
    const m = await this.db.getRepository(Membership).findOneBy({ id: membershipId, tenantId });
    return m?.customerId ?? null;
  }

  async get(tenant: TenantRef, id: number): Promise<MembershipView> {
    const m = await this.db.getRepository(Membership).findOneBy({ id, tenantId: tenant.id });
    if (!m) throw membershipNotFound(id);
    return toMembershipView(m);
  }

  /**
   * Level and points. A level of higher rank emits loyalty/membership_level_up, lower rank
   * loyalty/membership_level_down, the same level nothing — in the transaction of the change.
   */
  async update(tenant: TenantRef, id: number, dto: UpdateMembershipDto): Promise<MembershipChange> {
    return this.db.transaction(async (m) => {
      const current = await m.findOne(Membership, { where: { id, tenantId: tenant.id }, lock: { mode: 'pessimistic_write' } });
      if (!current) throw membershipNotFound(id);
      let event: NewEvent['payload'] | null = null;
      if (dto.levelId !== undefined && dto.levelId !== current.levelId) {
        const levels = await m.find(LoyaltyLevel, { where: { tenantId: tenant.id, id: In([current.levelId, dto.levelId]) } });
        const oldLevel = levels.find((l) => l.id === current.levelId);
        const newLevel = levels.find((l) => l.id === dto.levelId);
        if (!newLevel) throw notALevel(dto.levelId);
        if (!oldLevel) {
          throw conflict('membership_level_missing', `Membership ${id} points at a missing level ${current.levelId}`, { id, levelId: current.levelId });
        }
        event = levelChangeEvent({ tenantId: tenant.id, membershipId: id, date: new Date(), oldLevel, newLevel }) as NewEvent['payload'] | null;
      }
      const changes: Partial<Membership> = {};
      if (dto.levelId !== undefined) changes.levelId = dto.levelId;
      if (dto.points !== undefined) changes.points = dto.points;
      if (Object.keys(changes).length) await m.update(Membership, { id }, changes);
      await this.audit.record(m, { tenantId: tenant.id, resource: 'membership', resourceId: id, action: 'updated', before: current, after: changes });
      if (event) await recordEvents(m, [{ tenantId: tenant.id, payload: event, customerId: current.customerId, origin: 'loyalty' }]);
      return { membership: toMembershipView(await m.findOneByOrFail(Membership, { id })), event: (event?.event ?? null) as MembershipChange['event'] };
    });
  }

  private async enrolmentLevel(tenant: TenantRef, levelId?: number): Promise<LoyaltyLevel> {
    const repo = this.db.getRepository(LoyaltyLevel);
    if (levelId !== undefined) {
      const level = await repo.findOneBy({ id: levelId, tenantId: tenant.id });
      if (!level) throw notALevel(levelId);
      return level;
    }
    const [lowest] = await repo.find({ where: { tenantId: tenant.id }, order: { rank: 'ASC' }, take: 1 });
    if (!lowest) throw conflict('no_levels', 'The loyalty program has no levels yet: create one first');
    return lowest;
  }
}
