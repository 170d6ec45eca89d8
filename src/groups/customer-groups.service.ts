import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { GroupMember } from './group-member.entity';
import { Group, GroupType } from './group.entity';
import { GroupsService } from './groups.service';

export interface CustomerGroup {
  id: number;
  name: string;
  type: GroupType;
  /** When a static group got the customer; null for a dynamic group (it matches now). */
  since: Date | null;
}

/** The groups a customer is in now: static memberships, and the dynamic groups whose rule matches them. */
@Injectable()
export class CustomerGroups {
  constructor(
    private readonly db: DataSource,
    private readonly groups: GroupsService,
  ) {}

  async of(tenantId: number, customerId: number): Promise<CustomerGroup[]> {
    const memberships = await this.db
      .getRepository(GroupMember)
      .createQueryBuilder('m')
      .innerJoinAndSelect('m.group', 'g')
      .where('m.tenantId = :tenantId AND m.customerId = :customerId', { tenantId, customerId })
      .getMany();
    const dynamic = await this.db.getRepository(Group).find({ where: { tenantId, type: 'dynamic' }, order: { id: 'ASC' } });
    // Each rule asked of this one customer by primary key: cheap, and the same SQL the group itself uses.
    const matches = await Promise.all(dynamic.map((g) => this.groups.membersQuery(g).andWhere('c.id = :customerId', { customerId }).getCount()));
    const list: CustomerGroup[] = [
      ...memberships.map((m) => ({ id: m.groupId, name: (m.group as Group).name, type: 'static' as const, since: m.createdAt })),
      ...dynamic.filter((_, i) => matches[i] > 0).map((g) => ({ id: g.id, name: g.name, type: g.type, since: null })),
    ];
    return list.sort((a, b) => a.name.localeCompare(b.name, 'zh'));
  }
}
