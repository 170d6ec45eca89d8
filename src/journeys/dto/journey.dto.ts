import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { REENTRY, Reentry } from '../journey-definition';
import { JOURNEY_STATUSES, JourneyStatus } from '../journey.entity';
import { RUN_STATUSES, RunStatus } from '../journey-run.entity';
import { Omittable } from '../../common/validation';

/**
 * The journey's shape is SPEC's: {name, reentry, trigger, start, nodes}. The trigger and nodes are
 * checked as a whole graph by validateDefinition, which names the bad part (`nodes[3].next`).
 */
export class JourneyFieldsDto {
  @Omittable() @IsString() @IsNotEmpty() @MaxLength(200)
  name?: string;

  @Omittable() @IsIn(REENTRY)
  reentry?: Reentry;

  @Omittable() @IsObject()
  trigger?: Record<string, unknown>;

  @Omittable() @IsString() @MaxLength(64)
  start?: string;

  @Omittable() @IsArray()
  nodes?: unknown[];
}

/** name, trigger, start and nodes are required on create (checked by the service, naming the field). */
export class CreateJourneyDto extends JourneyFieldsDto {}

/** Any part; trigger, start and nodes replace the current ones whole. */
export class UpdateJourneyDto extends JourneyFieldsDto {}

export class JourneyQueryDto extends PageQuery {
  @IsOptional() @IsIn(JOURNEY_STATUSES)
  status?: JourneyStatus;
}

export class RunQueryDto {
  @IsOptional() @IsIn(RUN_STATUSES)
  status?: RunStatus;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(2_147_483_647)
  customerId?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000)
  limit: number = 50;

  /** The last run id seen (newest first). */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1)
  after?: number;
}
