import { Injectable } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { conflict, notFound } from '../common/api-error';
import { PageQuery, toPage } from '../common/pagination';
import { chunk } from '../common/sql';
import { fieldError } from '../common/validation';
import { bulkInsert } from '../database/entity-sql';
import { dispatchCouponEvent, drawCouponEvent, redeemCouponEvent } from '../outbox/event-payloads';
import { NewEvent, recordEvents } from '../outbox/outbox';
import { GroupsService } from '../groups/groups.service';
import type { TenantRef } from '../common/tenant-ref';
import { CouponCode } from './coupon-code.entity';
import { newCouponCode, normalizeCouponCode } from './coupon-code';
import { Coupon } from './coupon.entity';
import type { CreateCouponDto, DispatchCouponDto } from './dto/loyalty.dto';
import type { CouponCodePage, CouponCodeView, CouponPage, CouponView, DispatchReport } from './dto/loyalty-view.dto';
import { toCouponCodeView, toCouponView } from './loyalty-view';
import { Membership } from './membership.entity';

const PAGE = 1000;

const couponNotFound = (id: number) => notFound('coupon_not_found', `Coupon ${id} not found`, { id });

/**
 * Coupons and their codes. Every issue, draw and redeem takes the coupon row's lock, so stock and
 * "one code per member" hold under concurrency, and writes its event in the same transaction.
 */
@Injectable()
export class CouponsService {
  constructor(
    private readonly db: DataSource,
    private readonly groups: GroupsService,
    private readonly audit: AuditService,
  ) {}

  async create(tenant: TenantRef, dto: CreateCouponDto): Promise<CouponView> {
    const startDate = new Date(dto.startDate);
    const endDate = new Date(dto.endDate);
    if (endDate <= startDate) throw fieldError('endDate', 'must be after startDate', 'must_be_after', { field: 'startDate' });
    const repo = this.db.getRepository(Coupon);
    const row = repo.create({ tenantId: tenant.id, name: dto.name, startDate, endDate, stock: dto.stock ?? null, issued: 0 });
    const after = { name: dto.name, startDate, endDate, stock: row.stock };
    await this.audit.transaction(
      this.db.manager,
      (m) => m.insert(Coupon, row),
      () => ({ tenantId: tenant.id, resource: 'coupon', resourceId: row.id, action: 'created', after }),
    );
    return toCouponView(await repo.findOneByOrFail({ id: row.id }));
  }

  async list(tenant: TenantRef, q: PageQuery): Promise<CouponPage> {
    const qb = this.db
      .getRepository(Coupon)
      .createQueryBuilder('c')
      .where('c.tenantId = :tenantId', { tenantId: tenant.id })
      .orderBy('c.id', 'ASC')
      .take(q.limit + 1);
    if (q.after) qb.andWhere('c.id > :after', { after: q.after });
    const page = toPage(await qb.getMany(), q.limit);
    return { ...page, items: page.items.map(toCouponView) };
  }

  async get(tenant: TenantRef, id: number): Promise<CouponView> {
    return toCouponView(await this.find(tenant, id));
  }

  private async find(tenant: TenantRef, id: number): Promise<Coupon> {
    const c = await this.db.getRepository(Coupon).findOneBy({ id, tenantId: tenant.id });
    if (!c) throw couponNotFound(id);
    return c;
  }

  async codes(tenant: TenantRef, couponId: number, q: PageQuery): Promise<CouponCodePage> {
    await this.find(tenant, couponId);
    const qb = this.db
      .getRepository(CouponCode)
      .createQueryBuilder('k')
      .where('k.tenantId = :tenantId AND k.couponId = :couponId', { tenantId: tenant.id, couponId })
      .orderBy('k.id', 'ASC')
      .take(q.limit + 1);
    if (q.after) qb.andWhere('k.id > :after', { after: q.after });
    const page = toPage(await qb.getMany(), q.limit);
    return { ...page, items: page.items.map(toCouponCodeView) };
  }

  /**
   * 系统发放: one code and one loyalty/loyalty_dispatch_coupon event per membership, all under one
   * batchId. A group is streamed page by page (never loaded whole); each page is one transaction.
   */
  async dispatch(tenant: TenantRef, couponId: number, dto: DispatchCouponDto): Promise<DispatchReport> {
    if ((dto.membershipIds === undefined) === (dto.groupId === undefined)) {
      throw fieldError('membershipIds', 'or groupId is required (exactly one of the two)', 'exactly_one_of', { fields: ['membershipIds', 'groupId'] });
    }
    const coupon = await this.find(tenant, couponId);
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
  async draw(tenant: TenantRef, couponId: number, membershipId: number): Promise<CouponCodeView> {
    const membership = await this.db.getRepository(Membership).findOneBy({ id: membershipId, tenantId: tenant.id });
    if (!membership) throw notFound('membership_not_found', `Membership ${membershipId} not found`, { id: membershipId });
    return this.db.transaction(async (m) => {
      const coupon = await this.lockCoupon(m, tenant, couponId);
      assertNotExpired(coupon);
      const held = await m.findOneBy(CouponCode, { couponId, membershipId });
      if (held) {
        throw conflict('coupon_already_held', `Membership ${membershipId} holds a code of coupon ${couponId} already`, { id: couponId, membershipId });
      }
      if (coupon.stock !== null && coupon.issued >= coupon.stock) throw conflict('coupon_out_of_stock', `Coupon ${couponId} is out of stock`, { id: couponId });
      const code = newCouponCode();
      await bulkInsert(m, CouponCode, [{ tenantId: tenant.id, couponId, membershipId, code, origin: 'draw', batchId: null, redeemedAt: null }]);
      await m.update(Coupon, { id: couponId }, { issued: () => 'issued + 1' });
      const payload = drawCouponEvent({ tenantId: tenant.id, membershipId, date: new Date(), coupon, code });
      await recordEvents(m, [{ tenantId: tenant.id, payload: payload as NewEvent['payload'], customerId: membership.customerId, origin: 'loyalty' }]);
      return toCouponCodeView(await m.findOneByOrFail(CouponCode, { tenantId: tenant.id, code }));
    });
  }

  /** 核销: a code redeems once, inside its validity window. */
  async redeem(tenant: TenantRef, rawCode: string): Promise<CouponCodeView> {
    const code = normalizeCouponCode(rawCode);
    return this.db.transaction(async (m) => {
      const row = await m.findOne(CouponCode, { where: { tenantId: tenant.id, code }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw notFound('coupon_code_not_found', `Coupon code ${code} not found`, { code });
      if (row.redeemedAt) {
        const at = row.redeemedAt.toISOString();
        throw conflict('coupon_code_redeemed', `Coupon code ${code} was redeemed already at ${at}`, { code, at });
      }
      const coupon = await m.findOneByOrFail(Coupon, { id: row.couponId });
      const now = new Date();
      if (now < coupon.startDate) {
        const from = coupon.startDate.toISOString();
        throw conflict('coupon_code_not_yet_valid', `Coupon code ${code} is not valid before ${from}`, { code, from });
      }
      if (now > coupon.endDate) {
        const at = coupon.endDate.toISOString();
        throw conflict('coupon_code_expired', `Coupon code ${code} expired at ${at}`, { code, at });
      }
      const membership = await m.findOneByOrFail(Membership, { id: row.membershipId });
      await m.update(CouponCode, { id: row.id }, { redeemedAt: now });
      const after = { code, membershipId: row.membershipId, redeemedAt: now };
      await this.audit.record(m, { tenantId: tenant.id, resource: 'coupon', resourceId: coupon.id, action: 'redeemed', after });
      const payload = redeemCouponEvent({ tenantId: tenant.id, membershipId: row.membershipId, date: now, coupon, code });
      await recordEvents(m, [{ tenantId: tenant.id, payload: payload as NewEvent['payload'], customerId: membership.customerId, origin: 'loyalty' }]);
      return toCouponCodeView(await m.findOneByOrFail(CouponCode, { id: row.id }));
    });
  }

  /** One transaction: lock the coupon, skip holders, respect stock, insert codes and events. */
  private async issueBatch(tenant: TenantRef, couponId: number, report: DispatchReport, memberships: Membership[]): Promise<void> {
    await this.db.transaction(async (m) => {
      const coupon = await this.lockCoupon(m, tenant, couponId);
      const held = new Set(
        (
          await m.find(CouponCode, {
            select: { membershipId: true },
            where: { couponId, membershipId: In(memberships.map((x) => x.id)) },
          })
        ).map((k) => k.membershipId),
      );
      const eligible = memberships.filter((x) => !held.has(x.id));
      const available = coupon.stock === null ? eligible.length : Math.max(0, coupon.stock - coupon.issued);
      const take = eligible.slice(0, available);
      report.alreadyHolding += held.size;
      report.outOfStock += eligible.length - take.length;
      if (!take.length) return;
      const date = new Date();
      const issued = take.map((x) => ({ membership: x, code: newCouponCode() }));
      await bulkInsert(
        m,
        CouponCode,
        issued.map((i) => ({
          tenantId: tenant.id,
          couponId,
          membershipId: i.membership.id,
          code: i.code,
          origin: 'dispatch' as const,
          batchId: report.batchId,
          redeemedAt: null,
        })),
      );
      await m.update(Coupon, { id: couponId }, { issued: () => `issued + ${take.length}` });
      await recordEvents(
        m,
        issued.map((i) => ({
          tenantId: tenant.id,
          customerId: i.membership.customerId,
          origin: 'loyalty' as const,
          payload: dispatchCouponEvent({
            tenantId: tenant.id,
            membershipId: i.membership.id,
            date,
            coupon,
            code: i.code,
            batchId: report.batchId,
          }) as NewEvent['payload'],
        })),
      );
      report.dispatched += take.length;
      const after = { batchId: report.batchId, dispatched: take.length, membershipIds: take.map((x) => x.id) };
      await this.audit.record(m, { tenantId: tenant.id, resource: 'coupon', resourceId: couponId, action: 'dispatched', after });
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
    if (!coupon) throw couponNotFound(couponId);
    return coupon;
  }
}

function assertNotExpired(coupon: Coupon): void {
  if (coupon.endDate >= new Date()) return;
  const at = coupon.endDate.toISOString();
  throw conflict('coupon_expired', `Coupon ${coupon.id} expired at ${at}`, { id: coupon.id, at });
}
