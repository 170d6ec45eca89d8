import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../../openapi/page.dto';
import { CONTACT_FIELDS, PERMISSIONS, ROLES, SCOPES, type Grant, type Role, type Scope } from '../../common/permissions';

/** A person who may sign in to the console: never the password hash. */
export class ConsoleUserView {
  id!: number;
  /** Lower-cased; unique across tenants. */
  email!: string;
  name!: string | null;
  /** owner (everything), admin (everything but owners), marketer, analyst (read-only, contact fields masked). */
  @ApiProperty({ enum: ROLES })
  role!: Role;
  createdAt!: Date;
  lastLoginAt!: Date | null;
}

export class ConsoleUserPage extends PageOf(ConsoleUserView) {}

export class MeTenantView {
  id!: number;
  name!: string;
}

/** Who is calling: a signed-in console user (session) or only a tenant (API key). */
export class MeView {
  via!: 'session' | 'apiKey';
  /** The signed-in user; null when the caller used an API key. */
  user!: ConsoleUserView | null;
  /** The user's role; null for an API key. */
  @ApiProperty({ enum: ROLES, nullable: true })
  role!: Role | null;
  /** The API key's scopes; null for a console user. */
  @ApiProperty({ enum: SCOPES, isArray: true, nullable: true })
  scopes!: Scope[] | null;
  /** Every permission the caller has (what the console offers), and `customers:contact` when contact fields are shown unmasked. */
  @ApiProperty({ enum: [...PERMISSIONS, CONTACT_FIELDS], isArray: true })
  permissions!: Grant[];
  tenant!: MeTenantView;
}
