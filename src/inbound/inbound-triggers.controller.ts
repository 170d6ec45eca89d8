import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdParamPipe } from '../common/id-param.pipe';
import { PageQuery } from '../common/pagination';
import { CurrentTenant, Requires } from '../common/auth.decorators';
import type { TenantRef } from '../common/tenant-ref';
import { InboundRequestPage, InboundTriggerPage, InboundTriggerView } from './dto/inbound-trigger-view.dto';
import { CreateInboundTriggerDto, InboundRequestQueryDto, RotateTriggerSecretDto, UpdateInboundTriggerDto } from './dto/inbound-trigger.dto';
import { InboundTriggersService } from './inbound-triggers.service';

@ApiTags('inbound triggers')
@ApiBearerAuth()
@Controller('api/inbound-triggers')
export class InboundTriggersController {
  constructor(private readonly triggers: InboundTriggersService) {}

  @Post()
  @Requires('inbound:write')
  @ApiOperation({ summary: 'Create an inbound trigger; its secrets (generated or given) are in this answer once, in clear' })
  create(@CurrentTenant() tenant: TenantRef, @Body() dto: CreateInboundTriggerDto): Promise<InboundTriggerView> {
    return this.triggers.create(tenant, dto);
  }

  @Get()
  @Requires('inbound:read')
  @ApiOperation({ summary: 'List inbound triggers (secrets masked)' })
  list(@CurrentTenant() tenant: TenantRef, @Query() query: PageQuery): Promise<InboundTriggerPage> {
    return this.triggers.list(tenant, query);
  }

  @Get(':id')
  @Requires('inbound:read')
  @ApiOperation({ summary: 'Get an inbound trigger (secrets masked)' })
  get(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number): Promise<InboundTriggerView> {
    return this.triggers.view(tenant, id);
  }

  @Patch(':id')
  @Requires('inbound:write')
  @ApiOperation({ summary: 'Change an inbound trigger; new secrets are in this answer once, in clear' })
  update(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number, @Body() dto: UpdateInboundTriggerDto): Promise<InboundTriggerView> {
    return this.triggers.update(tenant, id, dto);
  }

  @Delete(':id')
  @Requires('inbound:write')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an inbound trigger: its URL answers 404; its request log stays readable' })
  remove(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number): Promise<void> {
    return this.triggers.remove(tenant, id);
  }

  @Post(':id/rotate-key')
  @Requires('inbound:write')
  @HttpCode(200)
  @ApiOperation({ summary: 'Give the trigger a new URL key: the old URL answers 404 at once' })
  rotateKey(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number): Promise<InboundTriggerView> {
    return this.triggers.rotateKey(tenant, id);
  }

  @Post(':id/rotate-secret')
  @Requires('inbound:write')
  @HttpCode(200)
  @ApiOperation({ summary: "Replace one check's secret (given or generated); it is in this answer once, in clear" })
  rotateSecret(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number, @Body() dto: RotateTriggerSecretDto): Promise<InboundTriggerView> {
    return this.triggers.rotateSecret(tenant, id, dto);
  }

  @Get(':id/requests')
  @Requires('inbound:read')
  @ApiOperation({ summary: "The request log, newest first: every call to the trigger's URL, whatever became of it" })
  requests(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number, @Query() query: InboundRequestQueryDto): Promise<InboundRequestPage> {
    return this.triggers.requests(tenant, id, query);
  }
}
