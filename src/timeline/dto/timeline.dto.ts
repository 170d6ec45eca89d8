import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { PageOf } from '../../openapi/page.dto';
import { TIMELINE_KINDS, TIMELINE_LINK_TYPES } from '../../common/timeline';
import type { TimelineKind, TimelineLinkType } from '../../common/timeline';

export class TimelineQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 200, default: 50, description: 'Items per page.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit = 50;

  @ApiPropertyOptional({
    description: 'The `nextCursor` of the previous page (`<ms>.<kind>.<id>`).',
    example: '1796430000000.message.0193a1b2-0000-7000-8000-000000000000',
  })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  @Matches(/^\d{1,15}\.[a-z_]+\.[0-9a-f-]{1,36}$/, { message: 'after must be the nextCursor of a previous page' })
  after?: string;
}

/** Where the console opens an item, or what made it; `name` is null when its owner is gone. */
export class TimelineLinkView {
  @ApiProperty({ enum: TIMELINE_LINK_TYPES })
  type!: TimelineLinkType;
  id!: string;
  name!: string | null;
}

/** One node of a journey run's path. */
export class TimelinePathStepView {
  nodeId!: string;
  /** The node type (webhook, wait, condition, update_customer, end). */
  type!: string;
  /** The node's label in the journey, when it has one. */
  label!: string | null;
  /** How the step ended (done, then, else, waiting, delivered, failed, error, cancelled). */
  outcome!: string;
}

/** One thing Herald did to or saw of the customer. */
export class TimelineItemView {
  @ApiProperty({ enum: TIMELINE_KINDS })
  kind!: TimelineKind;
  /** The row's id in its own list (a message's UUID; other ids as strings: 64-bit). */
  id!: string;
  at!: Date;
  /** What it was, by name: the webhook (message), journey (run), form (submission), inbound trigger (request), event type (event). */
  title!: string | null;
  /**
   * The outcome: a message's status (pending, sending, delivered, failed, cancelled), a run's
   * (active, waiting, completed, failed, cancelled), an inbound request's verdict, `submitted`,
   * or an event's relay state (pending, relayed, silent).
   */
  status!: string;
  @ApiProperty({ type: TimelineLinkView, nullable: true, description: 'Where it opens: a message, run, form or inbound trigger (null for events).' })
  link!: TimelineLinkView | null;
  @ApiProperty({
    type: TimelineLinkView,
    nullable: true,
    description: "What made it: a message's mass send, journey run or form, a run's journey, an inbound request's run.",
  })
  via!: TimelineLinkView | null;
  @ApiPropertyOptional({ type: TimelineLinkView, nullable: true, description: "A message's webhook." })
  target?: TimelineLinkView | null;
  @ApiPropertyOptional({ type: [TimelinePathStepView], description: "A journey run's path: the nodes it went through, in order." })
  path?: TimelinePathStepView[];
  /** A deferred message (held by quiet hours): when it goes. */
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  dueAt?: Date | null;
  /**
   * One more fact: a message's last HTTP status (`HTTP 200`), a run's error, a submission's
   * `<messages>/<runs>` caused, an inbound request's `<method> · HTTP <status>`, a relayed event's message count (when it made any).
   */
  note?: string | null;
}

export class TimelinePage extends PageOf(TimelineItemView) {}
