import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { IdParamPipe } from '../common/id-param.pipe';
import { DeliveryPage } from '../deliveries/dto/delivery-view.dto';
import { CurrentTenant, Requires } from '../common/auth.decorators';
import type { TenantRef } from '../common/tenant-ref';
import { BroadcastsService } from './broadcasts.service';
import { BroadcastDeliveriesQueryDto, BroadcastQueryDto } from './dto/broadcast-query.dto';
import { BroadcastPage, BroadcastTimeline, BroadcastView } from './dto/broadcast-view.dto';
import { CreateBroadcastDto } from './dto/create-broadcast.dto';
import { UpdateBroadcastDto } from './dto/update-broadcast.dto';

@ApiTags('broadcasts')
@ApiBearerAuth()
@Controller('api/broadcasts')
export class BroadcastsController {
  constructor(private readonly broadcasts: BroadcastsService) {}

  @Post()
  @Requires('sends:write')
  @ApiOperation({ summary: 'Start a mass send (群发): one message per member of a group through a manual webhook, now or at scheduledAt' })
  @ApiCreatedResponse({ type: BroadcastView })
  @ApiResponse({ status: 404, description: 'No such webhook (webhook_not_found) or group (group_not_found)' })
  @ApiResponse({ status: 409, description: 'The webhook is disabled (webhook_disabled)' })
  create(@CurrentTenant() tenant: TenantRef, @Body() dto: CreateBroadcastDto): Promise<BroadcastView> {
    return this.broadcasts.create(tenant, dto);
  }

  @Get()
  @Requires('sends:read')
  @ApiOperation({ summary: 'List mass sends, newest first, with their progress' })
  list(@CurrentTenant() tenant: TenantRef, @Query() query: BroadcastQueryDto): Promise<BroadcastPage> {
    return this.broadcasts.list(tenant, query);
  }

  @Get(':id')
  @Requires('sends:read')
  @ApiOperation({ summary: 'Get a mass send and its progress counters' })
  get(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number): Promise<BroadcastView> {
    return this.broadcasts.get(tenant, id);
  }

  @Patch(':id')
  @Requires('sends:write')
  @ApiOperation({ summary: 'Rename a mass send, or reschedule one that has not started' })
  @ApiOkResponse({ type: BroadcastView })
  @ApiResponse({
    status: 409,
    description: 'Only a scheduled mass send can be rescheduled (broadcast_not_scheduled), or it started meanwhile (broadcast_changed)',
  })
  update(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number, @Body() dto: UpdateBroadcastDto): Promise<BroadcastView> {
    return this.broadcasts.update(tenant, id, dto);
  }

  @Get(':id/deliveries')
  @Requires('sends:read')
  @ApiOperation({ summary: "A mass send's messages, newest first, optionally of one status" })
  deliveries(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number, @Query() query: BroadcastDeliveriesQueryDto): Promise<DeliveryPage> {
    return this.broadcasts.deliveriesOf(tenant, id, query);
  }

  @Get(':id/timeline')
  @Requires('sends:read')
  @ApiOperation({ summary: "Finished messages per minute (of deliveredAt, else updatedAt) and outcome: the send page's chart" })
  timeline(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number): Promise<BroadcastTimeline> {
    return this.broadcasts.timeline(tenant, id);
  }

  @Post(':id/cancel')
  @Requires('sends:write')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a mass send: its waiting messages are not sent; ones on the wire finish' })
  @ApiOkResponse({ type: BroadcastView })
  @ApiResponse({ status: 409, description: 'It is completed or cancelled already (broadcast_not_cancellable)' })
  cancel(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number): Promise<BroadcastView> {
    return this.broadcasts.cancel(tenant, id);
  }

  @Post(':id/retry-failed')
  @Requires('sends:write')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send every failed message of a mass send again (messages never rendered stay failed)' })
  @ApiOkResponse({ type: BroadcastView })
  @ApiResponse({ status: 409, description: 'It is scheduled or cancelled (broadcast_not_retryable), or its webhook is disabled (webhook_disabled)' })
  retryFailed(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number): Promise<BroadcastView> {
    return this.broadcasts.retryFailed(tenant, id);
  }
}
