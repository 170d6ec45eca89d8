import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { hash } from 'bcryptjs';
import { Repository } from 'typeorm';
import { conflictOnDuplicate } from '../common/sql';
import type { TenantRef } from '../tenants/tenant-ref';
import { ConsoleUser } from './console-user.entity';
import type { CreateConsoleUserDto } from './dto/create-console-user.dto';

/** bcrypt work factor: ~0.3 s per hash in pure JS here, slow enough for offline guessing, fast enough to sign in. */
export const BCRYPT_COST = 12;

const emailConflict = conflictOnDuplicate({ UQ_console_users_email: 'email is already used by a console user' });

export type ConsoleUserView = Pick<ConsoleUser, 'id' | 'email' | 'name' | 'createdAt' | 'lastLoginAt'>;

export function toConsoleUserView(u: ConsoleUser): ConsoleUserView {
  return { id: u.id, email: u.email, name: u.name, createdAt: u.createdAt, lastLoginAt: u.lastLoginAt };
}

@Injectable()
export class ConsoleUsersService {
  constructor(@InjectRepository(ConsoleUser) private readonly users: Repository<ConsoleUser>) {}

  async create(tenant: TenantRef, dto: CreateConsoleUserDto): Promise<ConsoleUserView> {
    const row = this.users.create({
      tenantId: tenant.id, email: dto.email, name: dto.name ?? null, passwordHash: await hash(dto.password, BCRYPT_COST),
    });
    await this.users.insert(row).catch(emailConflict);
    return toConsoleUserView(await this.users.findOneByOrFail({ id: row.id }));
  }

  async list(tenant: TenantRef): Promise<ConsoleUserView[]> {
    return (await this.users.find({ where: { tenantId: tenant.id }, order: { id: 'ASC' } })).map(toConsoleUserView);
  }

  /** Deleting a user ends their sessions (foreign key cascade). */
  async remove(tenant: TenantRef, id: number): Promise<void> {
    const result = await this.users.delete({ id, tenantId: tenant.id });
    if (!result.affected) throw new NotFoundException(`Console user ${id} not found`);
  }

  /** The user with the hash, for sign-in only. */
  findForLogin(email: string): Promise<(ConsoleUser & { passwordHash: string }) | null> {
    return this.users.createQueryBuilder('u').addSelect('u.passwordHash').where('u.email = :email', { email }).getOne();
  }
}
