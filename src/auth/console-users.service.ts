import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { hash } from 'bcryptjs';
import { EntityManager, MoreThan, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { apiError, conflict, notFound } from '../common/api-error';
import { Page, PageQuery, toPage } from '../common/pagination';
import { duplicateKeyName } from '../common/sql';
import type { TenantRef } from '../common/tenant-ref';
import type { Role } from '../common/permissions';
import { ConsoleUser } from './console-user.entity';
import { SessionsService } from './sessions.service';
import type { ConsoleUserView } from './dto/console-user-view.dto';
import type { CreateConsoleUserDto, UpdateConsoleUserDto } from './dto/create-console-user.dto';

/** bcrypt work factor: ~0.3 s per hash in pure JS here, slow enough for offline guessing, fast enough to sign in. */
export const BCRYPT_COST = 12;

/** A duplicate email is a 409 naming the field (the message) and the email (params). */
const emailConflict =
  (email: string) =>
  (error: unknown): never => {
    if (duplicateKeyName(error) === 'UQ_console_users_email') {
      throw conflict('console_user_email_taken', 'email is already used by a console user', { email });
    }
    throw error;
  };

export type { ConsoleUserView };

export function toConsoleUserView(u: ConsoleUser): ConsoleUserView {
  return { id: u.id, email: u.email, name: u.name, role: u.role, createdAt: u.createdAt, lastLoginAt: u.lastLoginAt };
}

/** Only an owner creates, changes or removes an owner (an admin, or an admin-scoped key, may not). */
function requireOwnerRights(caller: TenantRef): void {
  if (caller.access && !caller.access.canManageOwners) {
    throw apiError(403, 'forbidden', 'Only an owner may create, change or remove an owner', { permission: 'owner' });
  }
}

@Injectable()
export class ConsoleUsersService {
  constructor(
    @InjectRepository(ConsoleUser) private readonly users: Repository<ConsoleUser>,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
  ) {}

  /** The tenant's first user is its owner, whatever was asked; later ones get the role asked (default admin). */
  async create(tenant: TenantRef, dto: CreateConsoleUserDto): Promise<ConsoleUserView> {
    const passwordHash = await hash(dto.password, BCRYPT_COST);
    const id = await this.users.manager.transaction(async (m) => {
      const first = !(await this.lockOwners(m, tenant.id)).length && !(await m.countBy(ConsoleUser, { tenantId: tenant.id }));
      const role: Role = first ? 'owner' : (dto.role ?? 'admin');
      if (role === 'owner' && !first) requireOwnerRights(tenant);
      const row = m.create(ConsoleUser, { tenantId: tenant.id, email: dto.email, name: dto.name ?? null, role, passwordHash });
      await m.insert(ConsoleUser, row).catch(emailConflict(dto.email));
      const after = { email: row.email, name: row.name, role };
      await this.audit.record(m, { tenantId: tenant.id, resource: 'console_user', resourceId: row.id, action: 'created', after });
      return row.id;
    });
    return toConsoleUserView(await this.users.findOneByOrFail({ id }));
  }

  async list(tenant: TenantRef, query: PageQuery): Promise<Page<ConsoleUserView>> {
    const rows = await this.users.find({
      where: { tenantId: tenant.id, ...(query.after ? { id: MoreThan(query.after) } : {}) },
      order: { id: 'ASC' },
      take: query.limit + 1,
    });
    const page = toPage(rows, query.limit);
    return { ...page, items: page.items.map(toConsoleUserView) };
  }

  /** A new role takes effect on the user's next request (the tenant's credential epoch moves). */
  async update(tenant: TenantRef, id: number, dto: UpdateConsoleUserDto): Promise<ConsoleUserView> {
    const roleChanged = await this.users.manager.transaction(async (m) => {
      const owners = await this.lockOwners(m, tenant.id);
      const row = await m.findOne(ConsoleUser, { where: { id, tenantId: tenant.id }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw notFound('console_user_not_found', `Console user ${id} not found`, { id });
      const role = dto.role ?? row.role;
      if (role !== row.role) {
        if (role === 'owner' || row.role === 'owner') requireOwnerRights(tenant);
        if (row.role === 'owner' && owners.length <= 1) throw conflict('last_owner', 'The tenant keeps at least one owner');
      }
      const changes = { role, ...(dto.name !== undefined ? { name: dto.name } : {}) };
      await m.update(ConsoleUser, { id }, changes);
      const action = role !== row.role ? 'role_changed' : 'updated';
      await this.audit.record(m, { tenantId: tenant.id, resource: 'console_user', resourceId: id, action, before: row, after: changes });
      return role !== row.role;
    });
    if (roleChanged) await this.sessions.revokedForUser(tenant.id);
    return toConsoleUserView(await this.users.findOneByOrFail({ id }));
  }

  /** Deleting a user ends their sessions (foreign key cascade). */
  async remove(tenant: TenantRef, id: number): Promise<void> {
    await this.users.manager.transaction(async (m) => {
      const owners = await this.lockOwners(m, tenant.id);
      const row = await m.findOne(ConsoleUser, { where: { id, tenantId: tenant.id }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw notFound('console_user_not_found', `Console user ${id} not found`, { id });
      if (row.role === 'owner') {
        requireOwnerRights(tenant);
        if (owners.length <= 1) throw conflict('last_owner', 'The tenant keeps at least one owner');
      }
      await m.delete(ConsoleUser, { id });
      const before = { email: row.email, name: row.name, role: row.role };
      await this.audit.record(m, { tenantId: tenant.id, resource: 'console_user', resourceId: id, action: 'deleted', before });
    });
    await this.sessions.revokedForUser(tenant.id);
  }

  /** The tenant's owners, locked: two demotions at once cannot both see a second owner. */
  private lockOwners(m: EntityManager, tenantId: number): Promise<ConsoleUser[]> {
    return m.find(ConsoleUser, { where: { tenantId, role: 'owner' }, lock: { mode: 'pessimistic_write' } });
  }

  /** The user with the hash, for sign-in only. */
  findForLogin(email: string): Promise<(ConsoleUser & { passwordHash: string }) | null> {
    return this.users.createQueryBuilder('u').addSelect('u.passwordHash').where('u.email = :email', { email }).getOne();
  }
}
