import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { UpdatedAt } from '../database/columns';

/**
 * A frequency cap: at most `maxMessages` marketing messages per customer in any rolling
 * `windowHours`. `webhookId` 0 is the tenant's cap (over all marketing webhooks); another id is
 * that webhook's own cap, applied in addition. No row means no cap.
 */
@Entity('frequency_caps')
@Index('UQ_frequency_caps_tenant_webhook', ['tenantId', 'webhookId'], { unique: true })
export class FrequencyCap {
  @PrimaryGeneratedColumn()
  id: number;

  @Column()
  tenantId: number;

  /** 0: the tenant's cap. */
  @Column({ default: 0 })
  webhookId: number;

  @Column({ default: false })
  enabled: boolean;

  @Column()
  maxMessages: number;

  @Column()
  windowHours: number;

  @UpdatedAt()
  updatedAt: Date;
}
