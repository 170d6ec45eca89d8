import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { Omittable } from '../../common/validation';
import { REENTRY, Reentry } from '../journey-definition';
import { JOURNEY_STATUSES, JourneyStatus } from '../journey.entity';
import { RUN_STATUSES, RunStatus } from '../journey-run.entity';
import { NODES_SCHEMA, TRIGGER_SCHEMA } from './journey-definition.dto';

/**
 * The journey's shape is SPEC's: {name, reentry, trigger, start, nodes}. The trigger and nodes are
 * checked as a whole graph by definitionProblems, which names the bad part (`nodes[3].next`).
 */
export class JourneyFieldsDto {
  @Omittable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  /** once (the default on create): a customer enters at most once; always: on every trigger occurrence. */
  @Omittable()
  @IsIn(REENTRY)
  reentry?: Reentry;

  @ApiPropertyOptional(TRIGGER_SCHEMA)
  @Omittable()
  @IsObject()
  trigger?: object;

  /** The first node's id. */
  @Omittable()
  @IsString()
  @MaxLength(64)
  start?: string;

  @ApiPropertyOptional(NODES_SCHEMA)
  @Omittable()
  @IsArray()
  nodes?: unknown[];
}

/** name, trigger, start and nodes are required (checked by the service and the definition check, naming the field). */
export class CreateJourneyDto extends JourneyFieldsDto {
  // `required: true` spelled out: the parent's optional properties would otherwise stay optional.
  @ApiProperty({ required: true, minLength: 1, maxLength: 200 })
  name!: string;

  @ApiProperty({ ...TRIGGER_SCHEMA, required: true })
  trigger!: object;

  @ApiProperty({ required: true, maxLength: 64, description: "The first node's id." })
  start!: string;

  @ApiProperty({ ...NODES_SCHEMA, required: true })
  nodes!: unknown[];
}

/** Any part; trigger, start and nodes replace the current ones whole. */
export class UpdateJourneyDto extends JourneyFieldsDto {}

export class JourneyQueryDto extends PageQuery {
  @IsOptional()
  @IsIn(JOURNEY_STATUSES)
  status?: JourneyStatus;
}

/** Newest first; `after` is the last run id seen. */
export class RunQueryDto extends PageQuery {
  @IsOptional()
  @IsIn(RUN_STATUSES)
  status?: RunStatus;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 2_147_483_647 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  customerId?: number;

  /** `true`: the test runs (测试运行) instead of the real ones. */
  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'false' })
  @IsOptional()
  @IsIn(['true', 'false'])
  test?: 'true' | 'false';
}
