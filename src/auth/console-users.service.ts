import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { hash } from 'bcryptjs';
import { MoreThan, Repository } from 'typeorm';
import { conflict, notFound } from '../common/api-error';
import { Page, PageQuery, toPage } from '../common/pagination';
import { duplicateKeyName } from '../common/sql';
import type { TenantRef } from '../common/tenant-ref';
import { ConsoleUser } from './console-user.entity';
import { SessionsService } from './sessions.service';
import type { ConsoleUserView } from './dto/console-user-view.dto';
import type { CreateConsoleUserDto } from './dto/create-console-user.dto';

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
  return { id: u.id, email: u.email, name: u.name, createdAt: u.createdAt, lastLoginAt: u.lastLoginAt };
}

@Injectable()
export class ConsoleUsersService {
  constructor(
    @InjectRepository(ConsoleUser) private readonly users: Repository<ConsoleUser>,
    private readonly sessions: SessionsService,
  ) {}

  async create(tenant: TenantRef, dto: CreateConsoleUserDto): Promise<ConsoleUserView> {
    const row = this.users.create({
      tenantId: tenant.id,
      email: dto.email,
      name: dto.name ?? null,
      passwordHash: await hash(dto.password, BCRYPT_COST),
    });
    await this.users.insert(row).catch(emailConflict(dto.email));
    return toConsoleUserView(await this.users.findOneByOrFail({ id: row.id }));
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

  /** Deleting a user ends their sessions (foreign key cascade). */
  async remove(tenant: TenantRef, id: number): Promise<void> {
    const result = await this.users.delete({ id, tenantId: tenant.id });
    if (!result.affected) throw notFound('console_user_not_found', `Console user ${id} not found`, { id });
    await this.sessions.revokedForUser(tenant.id);
  }

  /** The user with the hash, for sign-in only. */
  findForLogin(email: string): Promise<(ConsoleUser & { passwordHash: string }) | null> {
    return this.users.createQueryBuilder('u').addSelect('u.passwordHash').where('u.email = :email', { email }).getOne();
  }
}
