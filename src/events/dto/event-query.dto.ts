import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { FIXED_EVENTS, FixedEvent } from '../../outbox/event-catalog';

export class EventQueryDto extends PageQuery {
  @IsOptional()
  @IsIn(FIXED_EVENTS)
  type?: FixedEvent;
}
