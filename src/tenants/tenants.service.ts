import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApiKeysService } from './api-keys.service';
import type { CreatedTenantView } from './dto/tenant-view.dto';
import { Tenant } from './tenant.entity';

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
      return { tenant: { id: tenant.id, name: tenant.name, createdAt: tenant.createdAt }, apiKey };
    });
  }
}
