import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsDateString, IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { MAX_ID } from '../../common/pagination';
import { DELIVERY_SOURCES, DELIVERY_STATUSES, DeliverySource, DeliveryStatus } from '../delivery.entity';

const ID = { type: 'integer', minimum: 1, maximum: MAX_ID } as const;

/** A page of the delivery log: newest first, keyset paged by id (`after` = the last id seen). */
export class DeliveryPageQuery {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1000, default: 50, description: 'Items per page.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit: number = 50;

  @ApiPropertyOptional({ format: 'uuid', description: 'The `nextCursor` of the previous page (a message id).' })
  @IsOptional()
  @IsUUID()
  // Ids compare byte by byte (ascii_bin): a cursor in capitals pages as its lowercase self.
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toLowerCase() : value))
  after?: string;
}

/** Filters of the delivery log. */
export class DeliveryQueryDto extends DeliveryPageQuery {
  @ApiPropertyOptional(ID)
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  webhookId?: number;

  @ApiPropertyOptional({ enum: DELIVERY_SOURCES })
  @IsOptional()
  @IsIn(DELIVERY_SOURCES)
  source?: DeliverySource;

  @ApiPropertyOptional(ID)
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  customerId?: number;

  @ApiPropertyOptional({ ...ID, description: 'Which one of its source made it (with `source`: e.g. a journey run id).' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  sourceId?: number;

  @ApiPropertyOptional({ ...ID, description: "A mass send's messages (the same as source=broadcast&sourceId=)." })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  broadcastId?: number;

  @ApiPropertyOptional({ format: 'date-time', description: 'Created at or after (ISO-8601).' })
  @IsOptional()
  @IsDateString({ strict: true })
  since?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Created before (ISO-8601).' })
  @IsOptional()
  @IsDateString({ strict: true })
  until?: string;
}
