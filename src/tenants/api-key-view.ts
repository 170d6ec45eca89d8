import type { ApiKey } from './api-key.entity';
import type { ApiKeyView } from './dto/api-key-view.dto';

/** What the API shows of a key: never its hash. */
export function toApiKeyView(k: ApiKey): ApiKeyView {
  return {
    id: k.id,
    tenantId: k.tenantId,
    name: k.name,
    prefix: k.prefix,
    scopes: k.scopes,
    expiresAt: k.expiresAt,
    createdAt: k.createdAt,
    lastUsedAt: k.lastUsedAt,
    revokedAt: k.revokedAt,
  };
}
