import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { MAX_ID, PageQuery } from '../../common/pagination';
import { DELIVERY_STATUSES, DeliveryStatus } from '../../deliveries/delivery.entity';
import { BROADCAST_STATUSES, BroadcastStatus } from '../broadcast.entity';

export class BroadcastQueryDto extends PageQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_ID)
  webhookId?: number;

  @IsOptional() @IsIn(BROADCAST_STATUSES)
  status?: BroadcastStatus;
}

export class BroadcastDeliveriesQueryDto {
  @IsOptional() @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000)
  limit: number = 50;

  @IsOptional() @IsUUID()
  after?: string;
}
