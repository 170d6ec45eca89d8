import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type StepOutcome = 'done' | 'then' | 'else' | 'waiting' | 'delivered' | 'failed' | 'error' | 'cancelled' | 'skipped';

/** The step log of a run: one row per node it ran (a wait or a webhook call is open until it ends). */
@Entity('journey_steps')
@Index('IDX_journey_steps_run', ['runId', 'id'])
export class JourneyStep {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: number;

  @Column()
  tenantId: number;

  @Column({ type: 'bigint' })
  runId: number;

  @Column({ length: 64 })
  nodeId: string;

  @Column({ type: 'varchar', length: 16 })
  nodeType: string;

  @Column({ type: 'varchar', length: 16 })
  outcome: StepOutcome;

  @Column({ type: 'datetime', precision: 3 })
  startedAt: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  finishedAt: Date | null;

  /** The message a webhook node made. */
  @Column({ type: 'char', length: 36, nullable: true })
  deliveryId: string | null;

  /** What happened: the branch, the changes, the response (status, headers, body), the error. */
  @Column({ type: 'json', nullable: true })
  detail: Record<string, unknown> | null;
}
