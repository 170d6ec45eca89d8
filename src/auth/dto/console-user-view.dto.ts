import { PageOf } from '../../openapi/page.dto';

/** A person who may sign in to the console: never the password hash. */
export class ConsoleUserView {
  id!: number;
  /** Lower-cased; unique across tenants. */
  email!: string;
  name!: string | null;
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
  tenant!: MeTenantView;
}
