import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Finished steps per node and outcome of a journey version (test runs never count). Kept by the
 * executor in each round's transaction, so reading a node's totals is a primary-key range of a
 * few rows whatever the number of runs. A slice adds to one of a few `slot` rows, so concurrent
 * slices of one journey rarely wait for each other's row locks; readers sum the slots.
 */
@Entity('journey_node_counts')
export class JourneyNodeCount {
  @PrimaryColumn()
  journeyId: number;

  @PrimaryColumn()
  versionId: number;

  @PrimaryColumn({ length: 64 })
  nodeId: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  outcome: string;

  @PrimaryColumn({ type: 'tinyint' })
  slot: number;

  @Column({ type: 'bigint', default: 0 })
  n: number;
}
