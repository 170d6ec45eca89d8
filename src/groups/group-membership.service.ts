import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CustomersService } from '../customers/customers.service';
import { GroupMember } from './group-member.entity';
import type { GroupType } from './group.entity';

/**
 * Static group membership for other modules (a journey's update_customer node, a customer's
 * deletion): they ask here instead of writing group_members. Each write takes the caller's
 * EntityManager, so it commits with the caller's transaction; a few statements for many customers.
 */
@Injectable()
export class GroupMembershipService implements OnModuleInit {
  constructor(
    private readonly db: DataSource,
    private readonly customers: CustomersService,
  ) {}

  /** A deleted customer leaves every static group, in the deletion's transaction. */
  onModuleInit(): void {
    this.customers.onRemove((m, tenantId, customerId) => this.removeFromAll(m, tenantId, customerId));
  }

  /** The type of each of these groups of the tenant; a group missing from the map was deleted (or is another tenant's). */
  async kinds(tenantId: number, ids: number[], m: EntityManager = this.db.manager): Promise<Map<number, GroupType>> {
    if (!ids.length) return new Map();
    const rows: { id: number; type: GroupType }[] = await m.query('SELECT id, type FROM customer_groups WHERE tenantId = ? AND id IN (?)', [tenantId, ids]);
    return new Map(rows.map((r) => [r.id, r.type]));
  }

  /** Adds customers to static groups (checked by the caller); members already are left as they are. */
  async add(m: EntityManager, tenantId: number, items: { groupId: number; customerId: number }[]): Promise<void> {
    if (!items.length) return;
    await m.query('INSERT IGNORE INTO group_members (groupId, customerId, tenantId) VALUES ?', [items.map((i) => [i.groupId, i.customerId, tenantId])]);
  }

  /** Removes customers from one static group. */
  async remove(m: EntityManager, groupId: number, customerIds: number[]): Promise<void> {
    if (!customerIds.length) return;
    await m.query('DELETE FROM group_members WHERE groupId = ? AND customerId IN (?)', [groupId, customerIds]);
  }

  /** Removes a customer from every static group of the tenant. */
  async removeFromAll(m: EntityManager, tenantId: number, customerId: number): Promise<void> {
    await m.delete(GroupMember, { tenantId, customerId });
  }
}
