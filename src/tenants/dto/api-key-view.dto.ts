import { PageOf } from '../../openapi/page.dto';

/** An API key as lists show it: never the key itself (only its hash is stored). */
export class ApiKeyView {
  id!: number;
  tenantId!: number;
  name!: string;
  /** The key's first characters (`hk_AbCdEfG`), to tell keys apart. */
  prefix!: string;
  createdAt!: Date;
  /** Updated at most once a minute. */
  lastUsedAt!: Date | null;
  /** Set once revoked: the key no longer authenticates. */
  revokedAt!: Date | null;
}

/** A key just issued: the only answer that holds the full key. */
export class IssuedApiKeyView {
  id!: number;
  name!: string;
  prefix!: string;
  createdAt!: Date;
  /** The full key (`hk_…`): shown once, never again. Send it as `Authorization: Bearer <key>`. */
  key!: string;
}

export class ApiKeyPage extends PageOf(ApiKeyView) {}
