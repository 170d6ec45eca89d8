import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../database/columns';
import type { JourneyDefinition, Reentry } from './journey-definition';

/** An immutable snapshot of a journey: runs keep the version they started on to the end. */
@Entity('journey_versions')
@Index('UQ_journey_versions_journey_version', ['journeyId', 'version'], { unique: true })
export class JourneyVersion {
  @PrimaryGeneratedColumn()
  id: number;

  @Column()
  tenantId: number;

  @Column()
  journeyId: number;

  @Column()
  version: number;

  @Column({ length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 8 })
  reentry: Reentry;

  @Column({ type: 'json' })
  definition: JourneyDefinition;

  @CreatedAt()
  createdAt: Date;
}
