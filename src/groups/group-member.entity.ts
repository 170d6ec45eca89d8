import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CreatedAt } from '../database/columns';
import type { CustomerShape } from '../customers/customer-shape';
import { Group } from './group.entity';

/** Membership of a static group; the primary key (groupId, customerId) is also the keyset order. */
@Entity('group_members')
@Index('IDX_group_members_customer', ['customerId'])
export class GroupMember {
  @PrimaryColumn()
  groupId: number;

  @PrimaryColumn()
  customerId: number;

  @Column()
  tenantId: number;

  @ManyToOne(() => Group, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'groupId' })
  group?: Group;

  // By entity name, not class: the foreign key stays in the schema while groups never import customers' entity.
  @ManyToOne('Customer', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'customerId' })
  customer?: CustomerShape;

  @CreatedAt()
  createdAt: Date;
}
