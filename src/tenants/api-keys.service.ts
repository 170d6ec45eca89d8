import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Repository } from 'typeorm';
import { ApiKey } from './api-key.entity';
import { apiKeyPrefix, generateApiKey, hashApiKey } from './api-key-secret';
import type { TenantRef } from './tenant-ref';

/** lastUsedAt is informational: write it at most once a minute per key, not on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

export interface IssuedApiKey {
  id: number;
  name: string;
  prefix: string;
  createdAt: Date;
  /** The full key: returned once, at creation, never again. */
  key: string;
}

@Injectable()
export class ApiKeysService {
  constructor(@InjectRepository(ApiKey) private readonly keys: Repository<ApiKey>) {}

  async issue(tenantId: number, name: string, manager?: EntityManager): Promise<IssuedApiKey> {
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

  list(tenant: TenantRef): Promise<ApiKey[]> {
    return this.keys.find({ where: { tenantId: tenant.id }, order: { id: 'ASC' } });
  }

  async revoke(tenant: TenantRef, id: number): Promise<ApiKey> {
    const row = await this.keys.findOne({ where: { id, tenantId: tenant.id } });
    if (!row) throw new NotFoundException(`API key ${id} not found`);
    if (!row.revokedAt) {
      row.revokedAt = new Date();
      await this.keys.update({ id, tenantId: tenant.id }, { revokedAt: row.revokedAt });
    }
    return row;
  }
}
