import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { QuietScope } from './quiet-hours-setting.entity';
import type { TenantRef } from '../common/tenant-ref';
import type { QuietHoursOverrideDto, QuietHoursOverrideView, TenantQuietHoursDto, TenantQuietHoursView } from './dto/quiet-hours.dto';
import { DEFAULT_TIME_ZONE, QuietHoursPolicy } from './quiet-hours-policy.service';
import { QuietClock } from './quiet-clock.service';
import { QuietHoursSetting } from './quiet-hours-setting.entity';
import { nextOpening, type QuietWindow } from './quiet-window';

/** The default shown before a tenant saves anything: off, weekdays 09:00–21:00 ready to turn on. */
const DEFAULT_WINDOWS: QuietWindow[] = [{ days: [1, 2, 3, 4, 5, 6, 7], start: '09:00', end: '21:00' }];

const windowsOf = (ws: QuietWindow[]): QuietWindow[] => ws.map((w) => ({ days: [...w.days].sort((a, b) => a - b), start: w.start, end: w.end }));

/** Reads and saves quiet hours: the tenant's, and the overrides of webhooks and journeys (their ids checked by the caller). */
@Injectable()
export class QuietHoursService {
  constructor(
    @InjectRepository(QuietHoursSetting) private readonly settings: Repository<QuietHoursSetting>,
    private readonly policy: QuietHoursPolicy,
    private readonly clock: QuietClock,
    private readonly audit: AuditService,
  ) {}

  /** Writes a setting and its audit entry (`after` null: the override removed) in one transaction. */
  private async saved(tenant: TenantRef, scope: QuietScope, scopeId: number, write: (m: EntityManager) => Promise<unknown>, after: object | null) {
    await this.settings.manager.transaction(async (m) => {
      const where = { tenantId: tenant.id, scope, scopeId };
      const before = await m.findOneBy(QuietHoursSetting, where);
      await write(m);
      if (!before && !after) return;
      const resourceId = scope === 'tenant' ? 'tenant' : `${scope}:${scopeId}`;
      await this.audit.record(m, {
        tenantId: tenant.id,
        resource: 'quiet_hours',
        resourceId,
        action: after ? 'updated' : 'deleted',
        before,
        after,
      });
    });
  }

  async tenant(tenant: TenantRef): Promise<TenantQuietHoursView> {
    const row = await this.settings.findOneBy({ tenantId: tenant.id, scope: 'tenant', scopeId: 0 });
    if (!row) return { enabled: false, timeZone: DEFAULT_TIME_ZONE, windows: DEFAULT_WINDOWS, updatedAt: null, opensAt: null };
    const timeZone = row.timeZone ?? DEFAULT_TIME_ZONE;
    const opensAt = row.enabled ? nextOpening(row.windows, timeZone, this.clock.now()) : null;
    return { enabled: row.enabled, timeZone, windows: row.windows, updatedAt: row.updatedAt, opensAt };
  }

  async saveTenant(tenant: TenantRef, dto: TenantQuietHoursDto): Promise<TenantQuietHoursView> {
    const row = { tenantId: tenant.id, scope: 'tenant' as const, scopeId: 0, enabled: dto.enabled, timeZone: dto.timeZone, windows: windowsOf(dto.windows) };
    await this.saved(tenant, 'tenant', 0, (m) => m.upsert(QuietHoursSetting, { ...row }, ['tenantId', 'scope', 'scopeId']), row);
    this.policy.forget(tenant.id);
    return this.tenant(tenant);
  }

  async override(tenant: TenantRef, scope: 'webhook' | 'journey', id: number): Promise<QuietHoursOverrideView> {
    const [row, base] = await Promise.all([this.settings.findOneBy({ tenantId: tenant.id, scope, scopeId: id }), this.tenant(tenant)]);
    return {
      mode: !row ? 'inherit' : row.enabled ? 'custom' : 'unrestricted',
      windows: row?.enabled ? row.windows : [],
      timeZone: base.timeZone,
      tenant: base,
    };
  }

  async saveOverride(tenant: TenantRef, scope: 'webhook' | 'journey', id: number, dto: QuietHoursOverrideDto): Promise<QuietHoursOverrideView> {
    const custom = dto.mode === 'custom';
    const row = { tenantId: tenant.id, scope, scopeId: id, enabled: custom, timeZone: null, windows: custom ? windowsOf(dto.windows ?? []) : [] };
    await this.saved(tenant, scope, id, (m) => m.upsert(QuietHoursSetting, { ...row }, ['tenantId', 'scope', 'scopeId']), row);
    this.policy.forget(tenant.id);
    return this.override(tenant, scope, id);
  }

  /** Back to the tenant's quiet hours. */
  async removeOverride(tenant: TenantRef, scope: 'webhook' | 'journey', id: number): Promise<void> {
    await this.saved(tenant, scope, id, (m) => m.delete(QuietHoursSetting, { tenantId: tenant.id, scope, scopeId: id }), null);
    this.policy.forget(tenant.id);
  }
}
