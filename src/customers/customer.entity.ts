import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../database/columns';
import type { CustomerAttributes, CustomerShape, UnsubscribeVia } from './customer-shape';

export type { CustomerAttributes };

/**
 * Deleting a customer only marks it (deletedAt) so deliveries and journey runs keep their reference.
 * `tombstone` is 0 while live and the row id once deleted: the unique keys include it, so a deleted
 * customer's mobile or email can be used again by a new customer.
 */
@Entity('customers')
@Index('UQ_customers_tenant_mobile', ['tenantId', 'mobile', 'tombstone'], { unique: true })
@Index('UQ_customers_tenant_email', ['tenantId', 'email', 'tombstone'], { unique: true })
@Index('IDX_customers_tenant_live', ['tenantId', 'tombstone', 'id'])
@Index('IDX_customers_tenant_score', ['tenantId', 'activityScore'])
export class Customer implements CustomerShape {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ select: true })
  tenantId: number;

  @Column({ type: 'varchar', length: 200, nullable: true })
  name: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  wechatNickname: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  mobile: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Column({ default: 0 })
  activityScore: number;

  @Column({ type: 'json' })
  attributes: CustomerAttributes;

  /** When the customer opted out of marketing messages; null while subscribed. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  unsubscribedAt: Date | null;

  /** How the opt-out was made (its link, the API, the console, an import); null while subscribed. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  unsubscribedVia: UnsubscribeVia | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true, select: false })
  deletedAt: Date | null;

  @Column({ default: 0, select: false })
  tombstone: number;
}

/** Columns a caller may read or filter on (segment rules, search, the API's output). */
export const CUSTOMER_PUBLIC_COLUMNS = ['id', 'name', 'wechatNickname', 'mobile', 'email', 'activityScore', 'attributes', 'createdAt', 'updatedAt'] as const;
