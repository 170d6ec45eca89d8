import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IdParamPipe } from '../common/id-param.pipe';
import { CurrentTenant } from '../tenants/auth.decorators';
import type { TenantRef } from '../tenants/tenant-ref';
import { BroadcastsService } from './broadcasts.service';
import { BroadcastDeliveriesQueryDto, BroadcastQueryDto } from './dto/broadcast-query.dto';
import { CreateBroadcastDto } from './dto/create-broadcast.dto';
import { UpdateBroadcastDto } from './dto/update-broadcast.dto';

@ApiTags('broadcasts')
@ApiBearerAuth()
@Controller('api/broadcasts')
export class BroadcastsController {
  constructor(private readonly broadcasts: BroadcastsService) {}

  @Post()
  create(@CurrentTenant() tenant: TenantRef, @Body() dto: CreateBroadcastDto) {
    return this.broadcasts.create(tenant, dto);
  }

  @Get()
  list(@CurrentTenant() tenant: TenantRef, @Query() query: BroadcastQueryDto) {
    return this.broadcasts.list(tenant, query);
  }

  @Get(':id')
  get(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number) {
    return this.broadcasts.get(tenant, id);
  }

  @Patch(':id')
  update(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number, @Body() dto: UpdateBroadcastDto) {
    return this.broadcasts.update(tenant, id, dto);
  }

  @Get(':id/deliveries')
  deliveries(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number, @Query() query: BroadcastDeliveriesQueryDto) {
    return this.broadcasts.deliveriesOf(tenant, id, query);
  }

  /** Finished messages per minute (of deliveredAt, else updatedAt) and outcome: the send page's chart. */
  @Get(':id/timeline')
  timeline(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number) {
    return this.broadcasts.timeline(tenant, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  cancel(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number) {
    return this.broadcasts.cancel(tenant, id);
  }

  @Post(':id/retry-failed')
  @HttpCode(200)
  retryFailed(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number) {
    return this.broadcasts.retryFailed(tenant, id);
  }
}
