import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../database/columns';
import type { SubmittedValue } from './submission-values';

/**
 * One accepted submission of a form, with what it caused: the messages to the form's webhooks
 * and the journey runs it started (their ids, written in the same transaction as they are).
 */
@Entity('form_submissions')
@Index('IDX_form_submissions_form_id', ['formId', 'id'])
@Index('IDX_form_submissions_tenant_customer_time', ['tenantId', 'customerId', 'createdAt'])
export class FormSubmission {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: number;

  @Column()
  tenantId: number;

  @Column()
  formId: number;

  /** The customer it created or updated; null when it mapped neither mobile nor email. */
  @Column({ type: 'int', nullable: true })
  customerId: number | null;

  /** Every field of the form by name, typed (text, number, boolean, list of options, or null). */
  @Column({ type: 'json' })
  data: Record<string, SubmittedValue>;

  @Column({ type: 'json' })
  deliveryIds: string[];

  @Column({ type: 'json' })
  runIds: number[];

  @Column({ type: 'varchar', length: 64, nullable: true })
  clientAddress: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  userAgent: string | null;

  @CreatedAt()
  createdAt: Date;
}
