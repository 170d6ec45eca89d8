import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IdParamPipe } from '../common/id-param.pipe';
import { PageQuery } from '../common/pagination';
import { CurrentTenant } from '../tenants/auth.decorators';
import type { TenantRef } from '../tenants/tenant-ref';
import { CreateInboundTriggerDto, InboundRequestQueryDto, RotateTriggerSecretDto, UpdateInboundTriggerDto } from './dto/inbound-trigger.dto';
import { InboundTriggersService } from './inbound-triggers.service';

@ApiTags('inbound triggers')
@ApiBearerAuth()
@Controller('api/inbound-triggers')
export class InboundTriggersController {
  constructor(private readonly triggers: InboundTriggersService) {}

  /** Secrets (generated or given) are in the answer once, in clear; masked afterwards. */
  @Post()
  create(@CurrentTenant() tenant: TenantRef, @Body() dto: CreateInboundTriggerDto) {
    return this.triggers.create(tenant, dto);
  }

  @Get()
  list(@CurrentTenant() tenant: TenantRef, @Query() query: PageQuery) {
    return this.triggers.list(tenant, query);
  }

  @Get(':id')
  get(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number) {
    return this.triggers.view(tenant, id);
  }

  @Patch(':id')
  update(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number, @Body() dto: UpdateInboundTriggerDto) {
    return this.triggers.update(tenant, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number) {
    return this.triggers.remove(tenant, id);
  }

  @Post(':id/rotate-key')
  @HttpCode(200)
  rotateKey(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number) {
    return this.triggers.rotateKey(tenant, id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  rotateSecret(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number, @Body() dto: RotateTriggerSecretDto) {
    return this.triggers.rotateSecret(tenant, id, dto);
  }

  /** The request log: every call, whatever became of it. */
  @Get(':id/requests')
  requests(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number, @Query() query: InboundRequestQueryDto) {
    return this.triggers.requests(tenant, id, query);
  }
}
