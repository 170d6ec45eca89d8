import { Type } from 'class-transformer';
import { IsDateString, IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { MAX_ID } from '../../common/pagination';
import { DELIVERY_SOURCES, DELIVERY_STATUSES, DeliverySource, DeliveryStatus } from '../delivery.entity';

/** Filters of the delivery log; newest first, keyset paged by id (`after` = the last id seen). */
export class DeliveryQueryDto {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_ID)
  webhookId?: number;

  @IsOptional() @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;

  @IsOptional() @IsIn(DELIVERY_SOURCES)
  source?: DeliverySource;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_ID)
  customerId?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_ID)
  broadcastId?: number;

  @IsOptional() @IsDateString({ strict: true })
  since?: string;

  @IsOptional() @IsDateString({ strict: true })
  until?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000)
  limit: number = 50;

  @IsOptional() @IsUUID()
  after?: string;
}
