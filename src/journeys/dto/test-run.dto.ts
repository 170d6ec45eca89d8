import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Omittable } from '../../common/validation';

/** 测试运行: run the journey for one customer now. */
export class StartTestRunDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 2_147_483_647 })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  customerId!: number;

  /** A version number of the journey; omitted: its current draft (the latest saved definition). */
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 2_147_483_647 })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version?: number;
}

export class NodeCountsQuery {
  /** A version number; omitted: the version new runs start on. */
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 2_147_483_647 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version?: number;
}

/** One node's counts (test runs never count). */
export class NodeCountView {
  nodeId!: string;
  /** Runs that reached it: done + failed + waiting (a run looping through a wait counts each time). */
  entered!: number;
  /** Runs parked at it now: in a wait, waiting for a message, or due to run it. */
  waiting!: number;
  done!: number;
  failed!: number;
  /** A condition's branches: how many runs went each way. */
  then!: number;
  else!: number;
  /** A split's branches: how many runs took each, in the node's branch order (empty for other nodes). */
  branches!: number[];
}

/** Per-node counts of one journey version. */
export class JourneyNodeCountsView {
  journeyId!: number;
  /** The version counted; null for a journey never activated (no runs, no counts). */
  version!: number | null;
  /** Nodes nobody reached yet are left out. */
  nodes!: NodeCountView[];
}
