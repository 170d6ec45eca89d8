import { AuditService } from '../audit/audit.service';
import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DataSource, EntityManager, In } from 'typeorm';
import { hydrate } from '../database/entity-sql';
import { customerEvent } from '../outbox/event-payloads';
import { NewEvent, recordEvents } from '../outbox/outbox';
import type { CustomerShape } from './customer-shape';
import { customerView } from './customer-template-view';
import { changedFields } from './customer-change';
import { isPlainObject } from '../common/plain-object';
import { chunk } from '../common/sql';
import type { FieldProblem } from '../common/api-error';
import { FieldErrors, fieldErrorsOf, flattenValidationErrors } from '../common/validation';
import type { TenantRef } from '../common/tenant-ref';
import { Customer } from './customer.entity';
import { attributesProblem } from './customer-attributes';
import { ImportCustomerRow } from './dto/import-report.dto';

export const MAX_IMPORT_ROWS = 10_000;
const LOOKUP_CHUNK = 1_000;
const WRITE_CHUNK = 1_000;
const COLUMNS = ['name', 'wechatNickname', 'mobile', 'email', 'activityScore'] as const;
/** Written with them: the opt-out (an `unsubscribed` cell changes it, else it is written back as it was). */
const OPT_OUT_COLUMNS = ['unsubscribedAt', 'unsubscribedVia'] as const;

export interface ImportRowError {
  /** 1-based position of the row in the array (for CSV: the data row, the header not counted). */
  row: number;
  fields: FieldErrors;
  /** The same problems, each with a code and params (what a client words itself). */
  problems: FieldProblem[];
}

export interface ImportReport {
  total: number;
  created: number;
  updated: number;
  failed: number;
  errors: ImportRowError[];
}

/** What one customer will look like after the import: an existing row, or a new one (id undefined). */
interface Target {
  id?: number;
  row: Partial<Customer>;
  touched: boolean;
  /** An existing customer as it was before the import (its change is compared against it). */
  before?: CustomerShape;
}

/**
 * Bulk upsert: a row matches an existing live customer by mobile, else by email. Bad rows are
 * reported and skipped; good rows are written. Rows naming the same person twice merge, later wins.
 */
@Injectable()
export class CustomerImportService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async import(tenant: TenantRef, input: unknown[]): Promise<ImportReport> {
    const now = new Date();
    const errors: ImportRowError[] = [];
    const valid: { index: number; dto: ImportCustomerRow }[] = [];
    input.forEach((raw, index) => {
      const result = validateRow(raw);
      if ('problems' in result) errors.push(rowError(index, result.problems));
      else valid.push({ index, dto: result.dto });
    });

    const byMobile = new Map<string, Target>();
    const byEmail = new Map<string, Target>();
    await this.loadExisting(
      tenant,
      valid.map((v) => v.dto),
      byMobile,
      byEmail,
    );

    const fresh: Target[] = [];
    for (const { index, dto } of valid) {
      const viaMobile = dto.mobile ? byMobile.get(dto.mobile) : undefined;
      const viaEmail = dto.email ? byEmail.get(dto.email) : undefined;
      if (viaMobile && viaEmail && viaMobile !== viaEmail) {
        errors.push(rowError(index, [{ path: 'email', code: 'email_of_other_customer', message: 'email already belongs to another customer than mobile' }]));
        continue;
      }
      let target = viaMobile ?? viaEmail;
      if (target?.row.mobile && dto.mobile && target.row.mobile !== dto.mobile) {
        errors.push(
          rowError(index, [
            {
              path: 'mobile',
              code: 'mobile_differs',
              params: { mobile: target.row.mobile },
              message: 'mobile differs from the customer matched by email',
            },
          ]),
        );
        continue;
      }
      const attributes = { ...(target?.row.attributes ?? {}), ...(dto.attributes ?? {}) };
      const problem = attributesProblem(attributes);
      if (problem) {
        errors.push(rowError(index, [problem]));
        continue;
      }
      if (!target) {
        target = { row: { tenantId: tenant.id, activityScore: 0, attributes: {} }, touched: true };
        fresh.push(target);
      }
      for (const column of COLUMNS) if (dto[column] != null) (target.row as Record<string, unknown>)[column] = dto[column];
      if (dto.unsubscribed === true && !target.row.unsubscribedAt) Object.assign(target.row, { unsubscribedAt: now, unsubscribedVia: 'import' });
      if (dto.unsubscribed === false) Object.assign(target.row, { unsubscribedAt: null, unsubscribedVia: null });
      target.row.attributes = attributes;
      target.touched = true;
      if (dto.mobile) byMobile.set(dto.mobile, target);
      if (dto.email) byEmail.set(dto.email, target);
    }

    const existing = [...new Set([...byMobile.values(), ...byEmail.values()])].filter((t) => t.id && t.touched);
    await this.write(tenant, fresh, existing, errors.length);
    errors.sort((a, b) => a.row - b.row);
    return { total: input.length, created: fresh.length, updated: existing.length, failed: errors.length, errors };
  }

  private async loadExisting(tenant: TenantRef, rows: ImportCustomerRow[], byMobile: Map<string, Target>, byEmail: Map<string, Target>): Promise<void> {
    const repo = this.db.getRepository(Customer);
    const remember = (found: Customer[]) => {
      for (const c of found) {
        if (byMobile.has(c.mobile ?? '') || byEmail.has(c.email ?? '')) continue;
        const target: Target = { id: c.id, row: c, touched: false, before: { ...c, attributes: structuredClone(c.attributes) } };
        if (c.mobile) byMobile.set(c.mobile, target);
        if (c.email) byEmail.set(c.email, target);
      }
    };
    const mobiles = [...new Set(rows.map((r) => r.mobile).filter((m): m is string => !!m))];
    const emails = [...new Set(rows.map((r) => r.email).filter((e): e is string => !!e))];
    for (const part of chunk(mobiles, LOOKUP_CHUNK)) {
      remember(await repo.find({ where: { tenantId: tenant.id, tombstone: 0, mobile: In(part) } }));
    }
    for (const part of chunk(emails, LOOKUP_CHUNK)) {
      remember(await repo.find({ where: { tenantId: tenant.id, tombstone: 0, email: In(part) } }));
    }
  }

  /** Inserts and id-keyed upserts in batches: a few statements per thousand rows, not one per row. */
  private async write(tenant: TenantRef, fresh: Target[], existing: Target[], failed: number): Promise<void> {
    const columns = ['tenantId', ...COLUMNS, ...OPT_OUT_COLUMNS, 'attributes'] as const;
    const values = (t: Target) => columns.map((c) => (c === 'attributes' ? JSON.stringify(t.row.attributes) : (t.row[c] ?? null)));
    await this.db.transaction(async (m) => {
      for (const part of chunk(fresh, WRITE_CHUNK)) {
        const placeholders = part.map(() => `(${columns.map(() => '?').join(',')})`).join(',');
        const { insertId } = await m.query(`INSERT INTO customers (${columns.join(',')}) VALUES ${placeholders}`, part.flatMap(values));
        // A multi-row INSERT takes consecutive auto-increment ids.
        part.forEach((t, i) => (t.id = Number(insertId) + i));
      }
      for (const part of chunk(existing, WRITE_CHUNK)) {
        const placeholders = part.map(() => `(?,${columns.map(() => '?').join(',')})`).join(',');
        const updates = columns.filter((c) => c !== 'tenantId').map((c) => `${c} = VALUES(${c})`);
        await m.query(
          `INSERT INTO customers (id,${columns.join(',')}) VALUES ${placeholders} ` +
            `ON DUPLICATE KEY UPDATE ${updates.join(', ')}, updatedAt = CURRENT_TIMESTAMP(3)`,
          part.flatMap((t) => [t.id, ...values(t)]),
        );
      }
      await this.recordSilentEvents(m, tenant, [...fresh, ...existing]);
      const after = { created: fresh.length, updated: existing.length, failed };
      await this.audit.record(m, { tenantId: tenant.id, resource: 'customer', action: 'imported', after });
    });
  }

  /**
   * customer/created and customer/updated for journeys only (silent: no webhook is told, a data load
   * must not flood receivers), so threshold triggers see imported changes too.
   */
  private async recordSilentEvents(m: EntityManager, tenant: TenantRef, targets: Target[]): Promise<void> {
    const now = new Date();
    for (const part of chunk(targets, WRITE_CHUNK)) {
      const rows = hydrate(m, Customer, await m.query('SELECT * FROM customers WHERE id IN (?)', [part.map((t) => t.id)]));
      const byId = new Map(rows.map((c) => [c.id, c]));
      const events: NewEvent[] = [];
      for (const t of part) {
        const after = byId.get(t.id!);
        if (!after) continue;
        const diff = t.before ? changedFields(t.before, after) : undefined;
        if (diff && !diff.changed.length) continue;
        const payload = customerEvent(diff ? 'customer/updated' : 'customer/created', tenant.id, customerView(after), now, diff?.changed);
        events.push({
          tenantId: tenant.id,
          payload: payload as NewEvent['payload'],
          customerId: after.id,
          origin: 'import',
          previous: diff?.previous,
          silent: true,
        });
      }
      await recordEvents(m, events);
    }
  }
}

const rowError = (index: number, problems: FieldProblem[]): ImportRowError => ({ row: index + 1, fields: fieldErrorsOf(problems), problems });

function validateRow(raw: unknown): { dto: ImportCustomerRow } | { problems: FieldProblem[] } {
  if (!isPlainObject(raw)) return { problems: [{ path: 'row', code: 'is_object', message: 'row must be a JSON object' }] };
  const dto = plainToInstance(ImportCustomerRow, raw);
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true });
  if (errors.length) return { problems: flattenValidationErrors(errors) };
  if (!dto.mobile && !dto.email)
    return { problems: [{ path: 'mobile', code: 'mobile_or_email_required', message: 'mobile or email is required to match customers' }] };
  return { dto };
}
