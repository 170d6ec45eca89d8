import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiExtraModels, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { IdParamPipe } from '../common/id-param.pipe';
import { CurrentTenant, Requires } from '../common/auth.decorators';
import type { TenantRef } from '../common/tenant-ref';
import { EventQueryDto } from './dto/event-query.dto';
import { EventPage, EventView } from './dto/event-view.dto';
import {
  DispatchCouponEvent,
  DrawCouponEvent,
  LOYALTY_EVENT_MODELS,
  MembershipLevelDownEvent,
  MembershipLevelUpEvent,
  RedeemCouponEvent,
} from './dto/loyalty-event.dto';
import { EventsService } from './events.service';

@ApiTags('events')
@ApiBearerAuth()
@ApiExtraModels(...LOYALTY_EVENT_MODELS)
@Controller('api/events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Post()
  @Requires('events:write')
  @HttpCode(202)
  @ApiOperation({ summary: 'Publish one of the five loyalty events from an outside system, exactly as DM Hub documents them' })
  @ApiBody({
    required: true,
    description: "Checked against the seed's payload: every field present with its type, no other field, tenantId your own.",
    schema: {
      oneOf: LOYALTY_EVENT_MODELS.map((m) => ({ $ref: getSchemaPath(m) })),
      discriminator: {
        propertyName: 'event',
        mapping: {
          'loyalty/membership_level_up': getSchemaPath(MembershipLevelUpEvent),
          'loyalty/membership_level_down': getSchemaPath(MembershipLevelDownEvent),
          'loyalty/loyalty_dispatch_coupon': getSchemaPath(DispatchCouponEvent),
          'loyalty/membership_draw_coupon': getSchemaPath(DrawCouponEvent),
          'loyalty/membership_redeem_coupon': getSchemaPath(RedeemCouponEvent),
        },
      },
      example: {
        tenantId: 1,
        event: 'loyalty/membership_level_up',
        membershipId: '42',
        date: '2026-11-23T10:00:00.000Z',
        oldLevelId: 1,
        newLevelId: 2,
        oldLevel: '银卡',
        newLevel: '金卡',
      },
    },
  })
  publish(@CurrentTenant() tenant: TenantRef, @Body() body: unknown): Promise<EventView> {
    return this.events.publish(tenant, body);
  }

  @Get()
  @Requires('events:read')
  @ApiOperation({ summary: 'List fixed events, newest first (pending until relayed to webhooks)' })
  list(@CurrentTenant() tenant: TenantRef, @Query() query: EventQueryDto): Promise<EventPage> {
    return this.events.list(tenant, query);
  }

  @Get(':id')
  @Requires('events:read')
  @ApiOperation({ summary: 'Get an event' })
  get(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number): Promise<EventView> {
    return this.events.get(tenant, id);
  }
}
