import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
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
  ) {}

  async tenant(tenant: TenantRef): Promise<TenantQuietHoursView> {
    const row = await this.settings.findOneBy({ tenantId: tenant.id, scope: 'tenant', scopeId: 0 });
    if (!row) return { enabled: false, timeZone: DEFAULT_TIME_ZONE, windows: DEFAULT_WINDOWS, updatedAt: null, opensAt: null };
    const timeZone = row.timeZone ?? DEFAULT_TIME_ZONE;
    const opensAt = row.enabled ? nextOpening(row.windows, timeZone, this.clock.now()) : null;
    return { enabled: row.enabled, timeZone, windows: row.windows, updatedAt: row.updatedAt, opensAt };
  }

  async saveTenant(tenant: TenantRef, dto: TenantQuietHoursDto): Promise<TenantQuietHoursView> {
    await this.settings.upsert(
      { tenantId: tenant.id, scope: 'tenant', scopeId: 0, enabled: dto.enabled, timeZone: dto.timeZone, windows: windowsOf(dto.windows) },
      ['tenantId', 'scope', 'scopeId'],
    );
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
    await this.settings.upsert(
      { tenantId: tenant.id, scope, scopeId: id, enabled: custom, timeZone: null, windows: custom ? windowsOf(dto.windows ?? []) : [] },
      ['tenantId', 'scope', 'scopeId'],
    );
    this.policy.forget(tenant.id);
    return this.override(tenant, scope, id);
  }

  /** Back to the tenant's quiet hours. */
  async removeOverride(tenant: TenantRef, scope: 'webhook' | 'journey', id: number): Promise<void> {
    await this.settings.delete({ tenantId: tenant.id, scope, scopeId: id });
    this.policy.forget(tenant.id);
  }
}
