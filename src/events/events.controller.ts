import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { IdParamPipe } from '../common/id-param.pipe';
import { CurrentTenant } from '../tenants/auth.decorators';
import type { TenantRef } from '../tenants/tenant-ref';
import { EventQueryDto } from './dto/event-query.dto';
import { EventsService } from './events.service';

@ApiTags('events')
@ApiBearerAuth()
@Controller('api/events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  /** One of the five loyalty payloads from an outside system, exactly as DM Hub documents them. */
  @Post()
  @HttpCode(202)
  @ApiBody({
    schema: {
      example: {
        tenantId: 1, event: 'loyalty/membership_level_up', membershipId: '42', date: '2026-11-23T10:00:00.000Z',
        oldLevelId: 1, newLevelId: 2, oldLevel: '银卡', newLevel: '金卡',
      },
    },
  })
  publish(@CurrentTenant() tenant: TenantRef, @Body() body: unknown) {
    return this.events.publish(tenant, body);
  }

  @Get()
  list(@CurrentTenant() tenant: TenantRef, @Query() query: EventQueryDto) {
    return this.events.list(tenant, query);
  }

  @Get(':id')
  get(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number) {
    return this.events.get(tenant, id);
  }
}
