import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../database/columns';

export const RUN_STATUSES = ['active', 'waiting', 'completed', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** What a run carries from node to node (templates and conditions read it). */
export interface RunContext {
  /** The occurrence that started the run: the event, the form submission, the inbound request. */
  trigger: Record<string, unknown>;
  /** Template namespaces of the occurrence besides `trigger` (event; form and submission; inbound). */
  vars: Record<string, unknown>;
  /** Webhook nodes' outcomes: nodes.<id> = {deliveryId, outcome, response: {status, headers, body}}. */
  nodes: Record<string, unknown>;
}

export interface OpenStep {
  nodeId: string;
  nodeType: string;
  startedAt: string;
  deliveryId: string | null;
  detail: Record<string, unknown> | null;
}

/**
 * One customer's way through one journey version for one trigger occurrence. The database is the
 * truth: `active` runs are due at `dueAt`; `waiting` runs wait for a time (`dueAt`) or for a
 * delivery (`waitingDeliveryId`, `dueAt` null until it settles). A worker claims a run with a
 * token before stepping it.
 */
@Entity('journey_runs')
// A trigger occurrence (event id, submission id, inbound request id, group member) starts at most one run.
@Index('UQ_journey_runs_occurrence', ['journeyId', 'occurrenceKey'], { unique: true })
// reentry "once": one run per customer, ever (NULL for "always", and NULLs repeat freely).
@Index('UQ_journey_runs_entry', ['journeyId', 'entryKey'], { unique: true })
@Index('IDX_journey_runs_journey_status', ['journeyId', 'status', 'id'])
@Index('IDX_journey_runs_journey_customer', ['journeyId', 'customerId', 'id'])
@Index('IDX_journey_runs_due', ['status', 'dueAt'])
@Index('IDX_journey_runs_tenant_customer_time', ['tenantId', 'customerId', 'createdAt'])
@Index('IDX_journey_runs_delivery', ['waitingDeliveryId'])
// Runs parked at each node (per-node counts) and the test runs to leave out of the counters: index-only counts.
@Index('IDX_journey_runs_node', ['journeyId', 'test', 'status', 'versionId', 'nodeId'])
export class JourneyRun {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: number;

  @Column()
  tenantId: number;

  @Column()
  journeyId: number;

  @Column()
  versionId: number;

  @Column({ type: 'int', nullable: true })
  customerId: number | null;

  @Column({ length: 100 })
  occurrenceKey: string;

  /** A test run (测试运行): started by hand for one customer, kept out of counters, node counts and the run list. */
  @Column({ default: false })
  test: boolean;

  @Column({ type: 'varchar', length: 40, nullable: true })
  entryKey: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: RunStatus;

  /** The node to run next (active), or the node it waits in (waiting). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  nodeId: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  dueAt: Date | null;

  @Column({ type: 'char', length: 36, nullable: true })
  waitingDeliveryId: string | null;

  @Column({ type: 'json' })
  context: RunContext;

  /** The step in progress (a wait, or a webhook call waiting for its message); logged when it ends. */
  @Column({ type: 'json', nullable: true })
  openStep: OpenStep | null;

  /** Nodes run so far (a guard against runaway loops through waits). */
  @Column({ default: 0 })
  steps: number;

  @Column({ type: 'varchar', length: 500, nullable: true })
  error: string | null;

  @Column({ type: 'char', length: 36, nullable: true })
  claimToken: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  lockedUntil: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  finishedAt: Date | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
