import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../../openapi/page.dto';
import { SCOPES, type Scope } from '../../common/permissions';

/** An API key as lists show it: never the key itself (only its hash is stored). */
export class ApiKeyView {
  id!: number;
  tenantId!: number;
  name!: string;
  /** The key's first characters (`hk_AbCdEfG`), to tell keys apart. */
  prefix!: string;
  /** What the key may do: permissions, or `admin` for every one. */
  @ApiProperty({ enum: SCOPES, isArray: true })
  scopes!: Scope[];
  /** After this the key no longer authenticates; null: never expires. */
  expiresAt!: Date | null;
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
  @ApiProperty({ enum: SCOPES, isArray: true })
  scopes!: Scope[];
  expiresAt!: Date | null;
  createdAt!: Date;
  /** The full key (`hk_…`): shown once, never again. Send it as `Authorization: Bearer <key>`. */
  key!: string;
}

export class ApiKeyPage extends PageOf(ApiKeyView) {}
