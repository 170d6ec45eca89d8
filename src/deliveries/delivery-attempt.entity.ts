import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One HTTP attempt of a delivery: what was sent, what came back (capped), or the error. */
@Entity('delivery_attempts')
@Index('UQ_delivery_attempts_number', ['deliveryId', 'number'], { unique: true })
export class DeliveryAttempt {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: number;

  /** ASCII, byte-compared, as the delivery's id (see Delivery.id). */
  @Column({ type: 'char', length: 36, charset: 'ascii', collation: 'ascii_bin' })
  deliveryId: string;

  @Column()
  tenantId: number;

  @Column()
  number: number;

  @Column({ type: 'datetime', precision: 3 })
  startedAt: Date;

  @Column()
  durationMs: number;

  /** Headers of this attempt (attempt number, signatures, timestamp), credentials masked. */
  @Column({ type: 'json' })
  requestHeaders: Record<string, string>;

  /** The URL as this attempt sent it, when not the message's (a robot's signed query, sign masked); null: the message's. */
  @Column({ type: 'varchar', length: 2048, nullable: true })
  requestUrl: string | null;

  /** The body as this attempt sent it, when not the message's (Feishu's timestamp and sign, sign masked); null: the message's. */
  @Column({ type: 'mediumtext', nullable: true })
  requestBody: string | null;

  @Column({ type: 'smallint', nullable: true })
  statusCode: number | null;

  @Column({ type: 'json', nullable: true })
  responseHeaders: Record<string, string> | null;

  @Column({ type: 'mediumtext', nullable: true })
  responseBody: string | null;

  @Column({ default: false })
  responseTruncated: boolean;

  @Column({ type: 'varchar', length: 16, nullable: true })
  errorClass: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  error: string | null;

  /** delivered | retry | failed | gone */
  @Column({ type: 'varchar', length: 16 })
  verdict: string;
}
