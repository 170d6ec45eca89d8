import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, MoreThan, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { notFound } from '../common/api-error';
import { Page, PageQuery, toPage } from '../common/pagination';
import { ApiKey } from './api-key.entity';
import { apiKeyPrefix, generateApiKey, hashApiKey } from './api-key-secret';
import type { IssuedApiKeyView } from './dto/api-key-view.dto';
import type { TenantRef } from '../common/tenant-ref';
import { CredentialCache } from '../common/credential-cache';
import { CredentialEpochs } from './credential-epochs.service';
import { scopeAccess, type Scope } from '../common/permissions';

/** How the audit trail names a key: `name (hk_prefix)`. */
export function keyLabel(row: { name: string; prefix: string }): string {
  return `${row.name} (${row.prefix})`;
}

/** lastUsedAt is informational: write it at most once a minute per key, not on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

interface KnownKey {
  id: number;
  tenantId: number;
  lastUsedAt: number;
  scopes: Scope[];
  /** `name (hk_prefix)`, for the audit trail's label. */
  label: string;
  /** Epoch ms; null: never expires. */
  expiresAt: number | null;
}

export interface KeyOptions {
  scopes?: Scope[];
  expiresAt?: Date | null;
}

@Injectable()
export class ApiKeysService {
  /** Valid keys by hash, trusted while their tenant's credential epoch is unchanged (see CredentialEpochs). */
  private readonly known = new CredentialCache<KnownKey>(60_000, 10_000);

  constructor(
    @InjectRepository(ApiKey) private readonly keys: Repository<ApiKey>,
    private readonly epochs: CredentialEpochs,
    private readonly audit: AuditService,
  ) {}

  async issue(tenantId: number, name: string, manager?: EntityManager, options: KeyOptions = {}): Promise<IssuedApiKeyView> {
    const key = generateApiKey();
    const scopes = options.scopes?.length ? [...new Set(options.scopes)] : (['admin'] as Scope[]);
    const expiresAt = options.expiresAt ?? null;
    const write = async (m: EntityManager) => {
      const repo = m.getRepository(ApiKey);
      const saved = await repo.save(repo.create({ tenantId, name, prefix: apiKeyPrefix(key), hash: hashApiKey(key), scopes, expiresAt }));
      // The key's name, prefix, scopes and expiry: never the key.
      const after = { name, prefix: saved.prefix, scopes, expiresAt };
      await this.audit.record(m, { tenantId, resource: 'api_key', resourceId: saved.id, action: 'created', after });
      return saved;
    };
    const row = manager ? await write(manager) : await this.keys.manager.transaction(write);
    return { id: row.id, name: row.name, prefix: row.prefix, scopes, expiresAt, createdAt: row.createdAt, key };
  }

  /**
   * The key's tenant, or null for an unknown or revoked key. A cached key costs one Redis read (its
   * tenant's epoch); a key seen for the first time under an epoch is read from the database twice,
   * around the epoch's read, so a revocation committed meanwhile is never cached as valid.
   */
  async authenticate(key: string): Promise<TenantRef | null> {
    const hash = hashApiKey(key);
    const found = await this.known.resolve(
      hash,
      () => this.read(hash),
      (tenantId) => this.epochs.current(tenantId),
    );
    if (!found || (found.expiresAt !== null && found.expiresAt <= Date.now())) return null;
    if (Date.now() - found.lastUsedAt > LAST_USED_RESOLUTION_MS) {
      const lastUsedAt = new Date();
      await this.keys.update(found.id, { lastUsedAt });
      this.known.update(hash, { ...found, lastUsedAt: lastUsedAt.getTime() });
    }
    return { id: found.tenantId, apiKeyId: found.id, access: scopeAccess(found.scopes), label: found.label };
  }

  private async read(hash: string): Promise<KnownKey | null> {
    const row = await this.keys.findOne({ where: { hash, revokedAt: IsNull() } });
    return row
      ? {
          id: row.id,
          tenantId: row.tenantId,
          lastUsedAt: row.lastUsedAt?.getTime() ?? 0,
          scopes: row.scopes,
          label: keyLabel(row),
          expiresAt: row.expiresAt?.getTime() ?? null,
        }
      : null;
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
      const change = { tenantId: tenant.id, resource: 'api_key', resourceId: id, action: 'revoked', after: { name: row.name, prefix: row.prefix } } as const;
      await this.audit.transaction(
        this.keys.manager,
        (m) => m.update(ApiKey, { id, tenantId: tenant.id }, { revokedAt: row.revokedAt }),
        () => change,
      );
    }
    // Also when it was revoked already: a retry repairs a replacement that failed the first time.
    await this.epochs.bump(tenant.id);
    return row;
  }
}
