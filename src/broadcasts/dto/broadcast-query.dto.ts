import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { MAX_ID, PageQuery } from '../../common/pagination';
import { DeliveryPageQuery } from '../../deliveries/dto/delivery-query.dto';
import { BROADCAST_STATUSES, BroadcastStatus } from '../broadcast.entity';

/** Mass sends, newest first. */
export class BroadcastQueryDto extends PageQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_ID })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  webhookId?: number;

  @ApiPropertyOptional({ enum: BROADCAST_STATUSES })
  @IsOptional()
  @IsIn(BROADCAST_STATUSES)
  status?: BroadcastStatus;
}

/** A mass send's messages, newest first, optionally of one status. */
export class BroadcastDeliveriesQueryDto extends DeliveryPageQuery {}
