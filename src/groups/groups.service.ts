import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository, SelectQueryBuilder } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Page, PageQuery, toPage } from '../common/pagination';
import { conflict, notFound } from '../common/api-error';
import { chunk, duplicateKeyName } from '../common/sql';
import { FieldValidationException, fieldError } from '../common/validation';
import { CustomerLookup } from '../customers/customer-lookup.service';
import type { CustomerShape } from '../customers/customer-shape';
import type { CustomerView } from '../customers/dto/customer-view.dto';
import { toCustomerView } from '../customers/customer-view';
import type { TenantRef } from '../common/tenant-ref';
import type { CreateGroupDto } from './dto/create-group.dto';
import type { AddMembersView, RemoveMembersView } from './dto/group-members.dto';
import type { GroupDetailView, GroupView } from './dto/group-view.dto';
import type { PreviewCountView } from './dto/preview-count.dto';
import type { UpdateGroupDto } from './dto/update-group.dto';
import { GroupMember } from './group-member.entity';
import { Group } from './group.entity';
import { compileRule, Rule, validateRule } from './segment-rule';

function checkedRule(rule: unknown): Rule {
  const problems = validateRule(rule);
  if (problems.length) throw new FieldValidationException(problems);
  return rule as Rule;
}

/** A duplicate name is a 409 that names the field (the message) and the name (params). */
const nameConflict =
  (name: string | undefined) =>
  (error: unknown): never => {
    if (duplicateKeyName(error) === 'UQ_customer_groups_tenant_name') {
      throw conflict('group_name_taken', 'name is already used by another group', { name: name ?? null });
    }
    throw error;
  };

const groupNotFound = (id: number) => notFound('group_not_found', `Group ${id} not found`, { id });

/** What the API shows of a group (the row's columns, named one by one). */
export function toGroupView(g: Group): GroupView {
  return {
    id: g.id,
    tenantId: g.tenantId,
    name: g.name,
    description: g.description,
    type: g.type,
    rule: g.rule,
    createdAt: g.createdAt,
    updatedAt: g.updatedAt,
  };
}

@Injectable()
export class GroupsService {
  constructor(
    private readonly db: DataSource,
    @InjectRepository(Group) private readonly groups: Repository<Group>,
    private readonly customers: CustomerLookup,
    private readonly audit: AuditService,
  ) {}

  async create(tenant: TenantRef, dto: CreateGroupDto): Promise<GroupDetailView> {
    if (dto.type === 'static' && dto.rule !== undefined && dto.rule !== null) {
      throw fieldError('rule', 'is only allowed for dynamic groups', 'rule_static_group');
    }
    if (dto.type === 'dynamic' && (dto.rule === undefined || dto.rule === null)) {
      throw fieldError('rule', 'is required for dynamic groups', 'required');
    }
    const rule = dto.type === 'dynamic' ? checkedRule(dto.rule) : null;
    const row = this.groups.create({
      tenantId: tenant.id,
      name: dto.name,
      description: dto.description ?? null,
      type: dto.type,
      rule,
    });
    const after = { name: row.name, description: row.description, type: row.type, rule };
    await this.audit
      .transaction(
        this.db.manager,
        (m) => m.insert(Group, row),
        () => ({ tenantId: tenant.id, resource: 'group', resourceId: row.id, action: 'created', after }),
      )
      .catch(nameConflict(dto.name));
    return this.get(tenant, row.id);
  }

  async previewCount(tenant: TenantRef, rule: unknown): Promise<PreviewCountView> {
    const draft = this.groups.create({ tenantId: tenant.id, type: 'dynamic', rule: checkedRule(rule) });
    return { count: await this.count(draft) };
  }

  async list(tenant: TenantRef, query: PageQuery): Promise<Page<GroupView>> {
    const qb = this.groups
      .createQueryBuilder('g')
      .where('g.tenantId = :tenantId', { tenantId: tenant.id })
      .orderBy('g.id', 'ASC')
      .take(query.limit + 1);
    if (query.after) qb.andWhere('g.id > :after', { after: query.after });
    const page = toPage(await qb.getMany(), query.limit);
    return { ...page, items: page.items.map(toGroupView) };
  }

  async find(tenant: TenantRef, id: number): Promise<Group> {
    const group = await this.groups.findOne({ where: { id, tenantId: tenant.id } });
    if (!group) throw groupNotFound(id);
    return group;
  }

  async get(tenant: TenantRef, id: number): Promise<GroupDetailView> {
    const group = await this.find(tenant, id);
    return { ...toGroupView(group), memberCount: await this.count(group) };
  }

  async update(tenant: TenantRef, id: number, dto: UpdateGroupDto): Promise<GroupDetailView> {
    const group = await this.find(tenant, id);
    const changes: Partial<Group> = {};
    if (dto.name !== undefined) changes.name = dto.name;
    if (dto.description !== undefined) changes.description = dto.description;
    if (dto.rule !== undefined) {
      if (group.type === 'static') throw fieldError('rule', 'is only allowed for dynamic groups', 'rule_static_group');
      changes.rule = checkedRule(dto.rule);
    }
    if (Object.keys(changes).length) {
      const write = (m: EntityManager) => m.update(Group, { id, tenantId: tenant.id }, changes);
      const change = { tenantId: tenant.id, resource: 'group', resourceId: id, action: 'updated', before: group, after: changes } as const;
      await this.audit.transaction(this.db.manager, write, () => change).catch(nameConflict(dto.name));
    }
    return this.get(tenant, id);
  }

  async remove(tenant: TenantRef, id: number): Promise<void> {
    const group = await this.find(tenant, id);
    const before = { name: group.name, type: group.type };
    const result = await this.audit.transaction(
      this.db.manager,
      (m) => m.delete(Group, { id, tenantId: tenant.id }),
      (r) => (r.affected ? { tenantId: tenant.id, resource: 'group', resourceId: id, action: 'deleted', before } : null),
    );
    if (!result.affected) throw groupNotFound(id);
  }

  /** Live customers of the group as a query: members of a static group, or the rule's matches. */
  membersQuery(group: Group): SelectQueryBuilder<CustomerShape> {
    const qb = this.customers.liveQuery(group.tenantId);
    if (group.type === 'static') {
      qb.innerJoin(GroupMember, 'm', 'm.customerId = c.id AND m.groupId = :groupId', { groupId: group.id });
    } else {
      const compiled = compileRule(group.rule as Rule, 'c');
      qb.andWhere(compiled.sql, compiled.params);
    }
    return qb;
  }

  /** The names of the tenant's groups with these ids, for other records' lists. */
  async names(tenantId: number, ids: number[]): Promise<Map<number, string>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    const rows = await this.groups.find({ select: { id: true, name: true }, where: { tenantId, id: In(unique) } });
    return new Map(rows.map((g) => [g.id, g.name]));
  }

  count(group: Group): Promise<number> {
    return this.membersQuery(group).getCount();
  }

  async members(tenant: TenantRef, id: number, query: PageQuery): Promise<Page<CustomerView>> {
    const group = await this.find(tenant, id);
    const qb = this.membersQuery(group)
      .orderBy('c.id', 'ASC')
      .take(query.limit + 1);
    if (query.after) qb.andWhere('c.id > :after', { after: query.after });
    const page = toPage(await qb.getMany(), query.limit);
    return { ...page, items: page.items.map(toCustomerView) };
  }

  /**
   * Streams the group in keyset pages: memory stays flat whatever the group's size. `after` resumes
   * after a customer id; `maxCustomerId` and `memberSince` pin the group as it was at a start time.
   */
  async *streamMembers(
    group: Group,
    pageSize = 1000,
    options: { after?: number; maxCustomerId?: number | null; addedBefore?: Date | null } = {},
  ): AsyncGenerator<CustomerShape[]> {
    let after = options.after ?? 0;
    for (;;) {
      // limit, not take: take + a join makes TypeORM run a DISTINCT id query first (one member row per customer here).
      const qb = this.membersQuery(group).select('c.*').andWhere('c.id > :after', { after }).orderBy('c.id', 'ASC').limit(pageSize);
      if (options.maxCustomerId) qb.andWhere('c.id <= :maxCustomerId', { maxCustomerId: options.maxCustomerId });
      if (options.addedBefore && group.type === 'static') qb.andWhere('m.createdAt <= :addedBefore', { addedBefore: options.addedBefore });
      const page = this.customers.fromRows(await qb.getRawMany());
      if (!page.length) return;
      yield page;
      after = page[page.length - 1].id;
      if (page.length < pageSize) return;
    }
  }

  async addMembers(tenant: TenantRef, id: number, customerIds: number[]): Promise<AddMembersView> {
    const group = await this.staticGroup(tenant, id);
    const wanted = [...new Set(customerIds)];
    const found = new Set<number>();
    let added = 0;
    await this.db.transaction(async (m) => {
      for (const part of chunk(wanted, 1000)) {
        const live = await this.customers.liveIds(tenant.id, part);
        live.forEach((customerId) => found.add(customerId));
        if (!live.length) continue;
        const result = await m
          .createQueryBuilder()
          .insert()
          .into(GroupMember)
          .values(live.map((customerId) => ({ groupId: group.id, customerId, tenantId: tenant.id })))
          .orIgnore()
          .updateEntity(false)
          .execute();
        added += result.raw.affectedRows ?? 0;
      }
      if (added)
        await this.audit.record(m, { tenantId: tenant.id, resource: 'group', resourceId: id, action: 'members_added', after: { added, customerIds: wanted } });
    });
    return { added, alreadyMembers: found.size - added, notFound: wanted.filter((x) => !found.has(x)) };
  }

  async removeMembers(tenant: TenantRef, id: number, customerIds: number[]): Promise<RemoveMembersView> {
    const group = await this.staticGroup(tenant, id);
    let removed = 0;
    const wanted = [...new Set(customerIds)];
    await this.db.transaction(async (m) => {
      for (const part of chunk(wanted, 1000)) {
        const result = await m.delete(GroupMember, { groupId: group.id, customerId: In(part) });
        removed += result.affected ?? 0;
      }
      if (removed)
        await this.audit.record(m, {
          tenantId: tenant.id,
          resource: 'group',
          resourceId: id,
          action: 'members_removed',
          after: { removed, customerIds: wanted },
        });
    });
    return { removed };
  }

  private async staticGroup(tenant: TenantRef, id: number): Promise<Group> {
    const group = await this.find(tenant, id);
    if (group.type !== 'static') {
      throw conflict('group_not_static', `Group ${id} is dynamic: its members come from its rule`, { id });
    }
    return group;
  }
}
