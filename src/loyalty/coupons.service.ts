import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { Page, PageQuery, toPage } from '../common/pagination';
import { chunk } from '../common/sql';
import { fieldError } from '../common/validation';
import { bulkInsert } from '../database/entity-sql';
import { dispatchCouponEvent, drawCouponEvent, redeemCouponEvent } from '../events/event-payloads';
import { NewEvent, recordEvents } from '../events/outbox';
import { GroupsService } from '../groups/groups.service';
import type { TenantRef } from '../tenants/tenant-ref';
import { CouponCode } from './coupon-code.entity';
import { newCouponCode, normalizeCouponCode } from './coupon-code';
import { Coupon } from './coupon.entity';
import type { CreateCouponDto, DispatchCouponDto } from './dto/loyalty.dto';
import { Membership } from './membership.entity';

const PAGE = 1000;

export interface DispatchReport {
  batchId: string;
  dispatched: number;
  alreadyHolding: number;
  outOfStock: number;
  /** Listed membership ids that are not members of this tenant. */
  notFound: number[];
  /** Group customers who are not enrolled in the program. */
  notMembers: number;
}

/**
 * Coupons and their codes. Every issue, draw and redeem takes the coupon row's lock, so stock and
 * "one code per member" hold under concurrency, and writes its event in the same transaction.
 */
@Injectable()
export class CouponsService {
  constructor(
    private readonly db: DataSource,
    private readonly groups: GroupsService,
  ) {}

  async create(tenant: TenantRef, dto: CreateCouponDto): Promise<Coupon> {
    const startDate = new Date(dto.startDate);
    const endDate = new Date(dto.endDate);
    if (endDate <= startDate) throw fieldError('endDate', 'must be after startDate');
    const repo = this.db.getRepository(Coupon);
    const row = repo.create({ tenantId: tenant.id, name: dto.name, startDate, endDate, stock: dto.stock ?? null, issued: 0 });
    await repo.insert(row);
    return repo.findOneByOrFail({ id: row.id });
  }

  async list(tenant: TenantRef, q: PageQuery): Promise<Page<Coupon>> {
    const qb = this.db.getRepository(Coupon).createQueryBuilder('c')
      .where('c.tenantId = :tenantId', { tenantId: tenant.id }).orderBy('c.id', 'ASC').take(q.limit + 1);
    if (q.after) qb.andWhere('c.id > :after', { after: q.after });
    return toPage(await qb.getMany(), q.limit);
  }

  async get(tenant: TenantRef, id: number): Promise<Coupon> {
    const c = await this.db.getRepository(Coupon).findOneBy({ id, tenantId: tenant.id });
    if (!c) throw new NotFoundException(`Coupon ${id} not found`);
    return c;
  }

  async codes(tenant: TenantRef, couponId: number, q: PageQuery): Promise<Page<CouponCode>> {
    await this.get(tenant, couponId);
    const qb = this.db.getRepository(CouponCode).createQueryBuilder('k')
      .where('k.tenantId = :tenantId AND k.couponId = :couponId', { tenantId: tenant.id, couponId })
      .orderBy('k.id', 'ASC').take(q.limit + 1);
    if (q.after) qb.andWhere('k.id > :after', { after: q.after });
    return toPage(await qb.getMany(), q.limit);
  }

  /**
   * 系统发放: one code and one loyalty/loyalty_dispatch_coupon event per membership, all under one
   * batchId. A group is streamed page by page (never loaded whole); each page is one transaction.
   */
  async dispatch(tenant: TenantRef, couponId: number, dto: DispatchCouponDto): Promise<DispatchReport> {
    if ((dto.membershipIds === undefined) === (dto.groupId === undefined)) {
      throw fieldError('membershipIds', 'or groupId is required (exactly one of the two)');
    }
    const coupon = await this.get(tenant, couponId);
    assertNotExpired(coupon);
    const report: DispatchReport = { batchId: randomUUID(), dispatched: 0, alreadyHolding: 0, outOfStock: 0, notFound: [], notMembers: 0 };
    const pages = dto.membershipIds
      ? this.listedMemberships(tenant, [...new Set(dto.membershipIds)], report)
      : this.groupMemberships(tenant, dto.groupId!, report);
    for await (const memberships of pages) {
      if (memberships.length) await this.issueBatch(tenant, couponId, report, memberships);
    }
    return report;
  }

  /** 领取: one member takes one code (409 if it holds one, the coupon is out of stock or expired). */
  async draw(tenant: TenantRef, couponId: number, membershipId: number): Promise<CouponCode> {
    const membership = await this.db.getRepository(Membership).findOneBy({ id: membershipId, tenantId: tenant.id });
    if (!membership) throw new NotFoundException(`Membership ${membershipId} not found`);
    return this.db.transaction(async (m) => {
      const coupon = await this.lockCoupon(m, tenant, couponId);
      assertNotExpired(coupon);
      const held = await m.findOneBy(CouponCode, { couponId, membershipId });
      if (held) throw new ConflictException(`Membership ${membershipId} holds a code of coupon ${couponId} already`);
      if (coupon.stock !== null && coupon.issued >= coupon.stock) throw new ConflictException(`Coupon ${couponId} is out of stock`);
      const code = newCouponCode();
      await bulkInsert(m, CouponCode, [{ tenantId: tenant.id, couponId, membershipId, code, origin: 'draw', batchId: null, redeemedAt: null }]);
      await m.update(Coupon, { id: couponId }, { issued: () => 'issued + 1' });
      const payload = drawCouponEvent({ tenantId: tenant.id, membershipId, date: new Date(), coupon, code });
      await recordEvents(m, [{ tenantId: tenant.id, payload: payload as NewEvent['payload'], customerId: membership.customerId, origin: 'loyalty' }]);
      return m.findOneByOrFail(CouponCode, { tenantId: tenant.id, code });
    });
  }

  /** 核销: a code redeems once, inside its validity window. */
  async redeem(tenant: TenantRef, rawCode: string): Promise<CouponCode> {
    const code = normalizeCouponCode(rawCode);
    return this.db.transaction(async (m) => {
      const row = await m.findOne(CouponCode, { where: { tenantId: tenant.id, code }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw new NotFoundException(`Coupon code ${code} not found`);
      if (row.redeemedAt) throw new ConflictException(`Coupon code ${code} was redeemed already at ${row.redeemedAt.toISOString()}`);
      const coupon = await m.findOneByOrFail(Coupon, { id: row.couponId });
      const now = new Date();
      if (now < coupon.startDate) throw new ConflictException(`Coupon code ${code} is not valid before ${coupon.startDate.toISOString()}`);
      if (now > coupon.endDate) throw new ConflictException(`Coupon code ${code} expired at ${coupon.endDate.toISOString()}`);
      const membership = await m.findOneByOrFail(Membership, { id: row.membershipId });
      await m.update(CouponCode, { id: row.id }, { redeemedAt: now });
      const payload = redeemCouponEvent({ tenantId: tenant.id, membershipId: row.membershipId, date: now, coupon, code });
      await recordEvents(m, [{ tenantId: tenant.id, payload: payload as NewEvent['payload'], customerId: membership.customerId, origin: 'loyalty' }]);
      return m.findOneByOrFail(CouponCode, { id: row.id });
    });
  }

  /** One transaction: lock the coupon, skip holders, respect stock, insert codes and events. */
  private async issueBatch(tenant: TenantRef, couponId: number, report: DispatchReport, memberships: Membership[]): Promise<void> {
    await this.db.transaction(async (m) => {
      const coupon = await this.lockCoupon(m, tenant, couponId);
      const held = new Set((await m.find(CouponCode, {
        select: { membershipId: true }, where: { couponId, membershipId: In(memberships.map((x) => x.id)) },
      })).map((k) => k.membershipId));
      const eligible = memberships.filter((x) => !held.has(x.id));
      const available = coupon.stock === null ? eligible.length : Math.max(0, coupon.stock - coupon.issued);
      const take = eligible.slice(0, available);
      report.alreadyHolding += held.size;
      report.outOfStock += eligible.length - take.length;
      if (!take.length) return;
      const date = new Date();
      const issued = take.map((x) => ({ membership: x, code: newCouponCode() }));
      await bulkInsert(m, CouponCode, issued.map((i) => ({
        tenantId: tenant.id, couponId, membershipId: i.membership.id, code: i.code, origin: 'dispatch' as const,
        batchId: report.batchId, redeemedAt: null,
      })));
      await m.update(Coupon, { id: couponId }, { issued: () => `issued + ${take.length}` });
      await recordEvents(m, issued.map((i) => ({
        tenantId: tenant.id, customerId: i.membership.customerId, origin: 'loyalty' as const,
        payload: dispatchCouponEvent({ tenantId: tenant.id, membershipId: i.membership.id, date, coupon, code: i.code, batchId: report.batchId }) as NewEvent['payload'],
      })));
      report.dispatched += take.length;
    });
  }

  private async *listedMemberships(tenant: TenantRef, ids: number[], report: DispatchReport): AsyncGenerator<Membership[]> {
    for (const part of chunk(ids, PAGE)) {
      const found = await this.db.getRepository(Membership).findBy({ tenantId: tenant.id, id: In(part) });
      const known = new Set(found.map((x) => x.id));
      report.notFound.push(...part.filter((id) => !known.has(id)));
      yield found;
    }
  }

  private async *groupMemberships(tenant: TenantRef, groupId: number, report: DispatchReport): AsyncGenerator<Membership[]> {
    const group = await this.groups.find(tenant, groupId);
    for await (const customers of this.groups.streamMembers(group, PAGE)) {
      const found = await this.db.getRepository(Membership).findBy({ tenantId: tenant.id, customerId: In(customers.map((c) => c.id)) });
      report.notMembers += customers.length - found.length;
      yield found;
    }
  }

  private async lockCoupon(m: EntityManager, tenant: TenantRef, couponId: number): Promise<Coupon> {
    const coupon = await m.findOne(Coupon, { where: { id: couponId, tenantId: tenant.id }, lock: { mode: 'pessimistic_write' } });
    if (!coupon) throw new NotFoundException(`Coupon ${couponId} not found`);
    return coupon;
  }
}

function assertNotExpired(coupon: Coupon): void {
  if (coupon.endDate < new Date()) throw new ConflictException(`Coupon ${coupon.id} expired at ${coupon.endDate.toISOString()}`);
}
