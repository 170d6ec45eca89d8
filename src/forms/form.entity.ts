import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../database/columns';
import type { FormField } from './form-fields';

/**
 * A form and its micro-page (`/f/<key>`). The key is random and unguessable; rotating it retires
 * the old link. Deleting only marks the row (deletedAt): its submissions stay readable.
 */
@Entity('forms')
@Index('IDX_forms_tenant_id', ['tenantId', 'id'])
export class Form {
  @PrimaryGeneratedColumn()
  id: number;

  @Column()
  tenantId: number;

  @Column({ length: 200 })
  name: string;

  // `key` is a reserved word in MySQL: the column has another name.
  @Index('UQ_forms_public_key', { unique: true })
  @Column({ name: 'publicKey', type: 'varchar', length: 64 })
  key: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  title: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  description: string | null;

  @Column({ type: 'json' })
  fields: FormField[];

  /** The manual webhooks called on each submission. */
  @Column({ type: 'json' })
  webhookIds: number[];

  @Column({ type: 'varchar', length: 2000, nullable: true })
  thankYouText: string | null;

  @Column({ type: 'varchar', length: 2048, nullable: true })
  redirectUrl: string | null;

  @Column({ default: true })
  enabled: boolean;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  deletedAt: Date | null;
}
