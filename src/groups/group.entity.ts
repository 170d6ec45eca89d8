import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../database/columns';
import type { Rule } from './segment-rule';

export type GroupType = 'static' | 'dynamic';
export const GROUP_TYPES: GroupType[] = ['static', 'dynamic'];

/** Table `customer_groups`: GROUPS is a reserved word in MySQL 8. */
@Entity('customer_groups')
@Index('UQ_customer_groups_tenant_name', ['tenantId', 'name'], { unique: true })
export class Group {
  @PrimaryGeneratedColumn()
  id: number;

  @Column()
  tenantId: number;

  @Column({ length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  description: string | null;

  @Column({ type: 'varchar', length: 16 })
  type: GroupType;

  /** Only for dynamic groups: evaluated when the group is used. */
  @Column({ type: 'json', nullable: true })
  rule: Rule | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
