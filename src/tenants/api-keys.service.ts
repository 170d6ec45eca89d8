import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, MoreThan, Repository } from 'typeorm';
import { notFound } from '../common/api-error';
import { Page, PageQuery, toPage } from '../common/pagination';
import { ApiKey } from './api-key.entity';
import { apiKeyPrefix, generateApiKey, hashApiKey } from './api-key-secret';
import type { IssuedApiKeyView } from './dto/api-key-view.dto';
import type { TenantRef } from '../common/tenant-ref';

/** lastUsedAt is informational: write it at most once a minute per key, not on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

@Injectable()
export class ApiKeysService {
  constructor(@InjectRepository(ApiKey) private readonly keys: Repository<ApiKey>) {}

  async issue(tenantId: number, name: string, manager?: EntityManager): Promise<IssuedApiKeyView> {
    const repo = manager ? manager.getRepository(ApiKey) : this.keys;
    const key = generateApiKey();
    const row = await repo.save(repo.create({ tenantId, name, prefix: apiKeyPrefix(key), hash: hashApiKey(key) }));
    return { id: row.id, name: row.name, prefix: row.prefix, createdAt: row.createdAt, key };
  }

  async authenticate(key: string): Promise<TenantRef | null> {
    const row = await this.keys.findOne({ where: { hash: hashApiKey(key), revokedAt: IsNull() } });
    if (!row) return null;
    if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await this.keys.update(row.id, { lastUsedAt: new Date() });
    }
    return { id: row.tenantId, apiKeyId: row.id };
  }

  async list(tenant: TenantRef, query: PageQuery): Promise<Page<ApiKey>> {
    const rows = await this.keys.find({
      where: { tenantId: tenant.id, ...(query.after ? { id: MoreThan(query.after) } : {}) },
      order: { id: 'ASC' },
      take: query.limit + 1,
    });
    return toPage(rows, query.limit);
  }

  async revoke(tenant: TenantRef, id: number): Promise<ApiKey> {
    const row = await this.keys.findOne({ where: { id, tenantId: tenant.id } });
    if (!row) throw notFound('api_key_not_found', `API key ${id} not found`, { id });
    if (!row.revokedAt) {
      row.revokedAt = new Date();
      await this.keys.update({ id, tenantId: tenant.id }, { revokedAt: row.revokedAt });
    }
    return row;
  }
}
