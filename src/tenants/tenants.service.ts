import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApiKeysService } from './api-keys.service';
import type { CreatedTenantView, TenantView } from './dto/tenant-view.dto';
import { Tenant } from './tenant.entity';

const toTenantView = (t: Tenant): TenantView => ({ id: t.id, name: t.name, createdAt: t.createdAt });

@Injectable()
export class TenantsService {
  constructor(
    private readonly db: DataSource,
    private readonly apiKeys: ApiKeysService,
  ) {}

  /** A tenant and its first key, atomically: a tenant nobody can reach is never left behind. */
  create(name: string, keyName = 'default'): Promise<CreatedTenantView> {
    return this.db.transaction(async (manager) => {
      const tenant = await manager.save(manager.create(Tenant, { name }));
      const apiKey = await this.apiKeys.issue(tenant.id, keyName, manager);
      return { tenant: toTenantView(tenant), apiKey };
    });
  }

  /** Tenants never change once created (no rename, no delete): each is read once per process. */
  private readonly known = new Map<number, TenantView>();

  /** A tenant by id (the caller is authenticated as it, so it exists). */
  async get(id: number): Promise<TenantView> {
    const known = this.known.get(id);
    if (known) return { ...known };
    const view = toTenantView(await this.db.getRepository(Tenant).findOneByOrFail({ id }));
    if (this.known.size >= 10_000) this.known.clear();
    this.known.set(id, view);
    return { ...view };
  }

  /** The oldest tenant with this name, or null (names are not unique). */
  async findByName(name: string): Promise<TenantView | null> {
    const row = await this.db.getRepository(Tenant).findOne({ where: { name }, order: { id: 'ASC' } });
    return row ? toTenantView(row) : null;
  }
}
