import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { fieldError } from '../common/validation';
import type { TenantRef } from '../common/tenant-ref';
import { AuditEntry } from './audit-entry.entity';
import type { AuditQueryDto } from './dto/audit-query.dto';
import type { AuditEntryView, AuditPage } from './dto/audit-entry-view.dto';

function view(row: AuditEntry): AuditEntryView {
  return {
    id: Number(row.id),
    at: row.at,
    actor: { type: row.actorType, id: row.actorId, label: row.actorLabel },
    ip: row.ip,
    resource: row.resource as AuditEntryView['resource'],
    resourceId: row.resourceId,
    action: row.action as AuditEntryView['action'],
    diff: row.diff ? (JSON.parse(row.diff) as AuditEntryView['diff']) : null,
  };
}

/** Reads the audit trail (GET /api/audit-log): keyset paged newest first, on the (tenantId, …, id) indexes. */
@Injectable()
export class AuditReader {
  constructor(@InjectRepository(AuditEntry) private readonly entries: Repository<AuditEntry>) {}

  async list(tenant: TenantRef, query: AuditQueryDto): Promise<AuditPage> {
    const from = query.from ? new Date(query.from) : undefined;
    const to = query.to ? new Date(query.to) : undefined;
    if (from && to && to <= from) throw fieldError('to', 'must be after from', 'must_be_after', { field: 'from' });
    const qb = this.entries.createQueryBuilder('e').where('e.tenantId = :tenant', { tenant: tenant.id });
    if (query.after) qb.andWhere('e.id < :after', { after: query.after });
    if (query.actorType) qb.andWhere('e.actorType = :actorType', { actorType: query.actorType });
    if (query.actorId) qb.andWhere('e.actorId = :actorId', { actorId: query.actorId });
    if (query.resource) qb.andWhere('e.resource = :resource', { resource: query.resource });
    if (query.resourceId) qb.andWhere('e.resourceId = :resourceId', { resourceId: query.resourceId });
    if (query.action) qb.andWhere('e.action = :action', { action: query.action });
    if (from) qb.andWhere('e.at >= :from', { from });
    if (to) qb.andWhere('e.at < :to', { to });
    const rows = await qb
      .orderBy('e.id', 'DESC')
      .take(query.limit + 1)
      .getMany();
    const items = rows.slice(0, query.limit).map(view);
    return { items, nextCursor: rows.length > query.limit ? items[items.length - 1].id : null };
  }
}
