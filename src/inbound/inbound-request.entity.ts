import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../database/columns';

export const INBOUND_VERDICTS = [
  'accepted',
  'answered',
  'timeout',
  'run_failed',
  'response_failed',
  'duplicate',
  'bad_request',
  'unauthorized',
  'forbidden',
  'disabled',
  'method_not_allowed',
  'too_large',
] as const;
export type InboundVerdict = (typeof INBOUND_VERDICTS)[number];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnsweredResponse = { status: number; headers: Record<string, string>; body: any };

/** One call to /hooks/:key, whatever became of it (NocoBase's audit-log advice). */
@Entity('inbound_requests')
@Index('IDX_inbound_requests_trigger', ['triggerId', 'id'])
@Index('IDX_inbound_requests_tenant_customer_time', ['tenantId', 'customerId', 'createdAt'])
// The same delivery id twice starts one run: the second request finds the first (NULLs repeat freely).
@Index('UQ_inbound_requests_delivery', ['triggerId', 'deliveryKey'], { unique: true })
export class InboundRequest {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: number;

  @Column()
  tenantId: number;

  @Column()
  triggerId: number;

  @Column({ length: 8 })
  method: string;

  @Column({ length: 45 })
  clientIp: string;

  /** As received, with credentials and signatures masked. */
  @Column({ type: 'json' })
  headers: Record<string, string>;

  @Column({ type: 'json' })
  // `any`: free JSON, and TypeORM's partial-entity types reject `unknown` in json columns.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query: Record<string, any>;

  /** The body as received, capped. */
  @Column({ type: 'text' })
  body: string;

  @Column({ default: false })
  bodyTruncated: boolean;

  @Column({ type: 'varchar', length: 200, nullable: true })
  deliveryKey: string | null;

  @Column({ type: 'varchar', length: 24 })
  verdict: InboundVerdict;

  /** The status answered (0 while the request is in progress). */
  @Column({ type: 'smallint', default: 0 })
  status: number;

  @Column({ type: 'bigint', nullable: true })
  runId: number | null;

  /** The customer the trigger's mapping matched (null when it matched none): their timeline lists the request. */
  @Column({ type: 'int', nullable: true })
  customerId: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  error: string | null;

  /** What was answered, so a duplicate gets the same answer. */
  @Column({ type: 'json', nullable: true })
  response: AnsweredResponse | null;

  @Column({ type: 'int', nullable: true })
  durationMs: number | null;

  @CreatedAt()
  createdAt: Date;
}
