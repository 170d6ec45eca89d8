import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IdParamPipe } from '../common/id-param.pipe';
import { PageQuery } from '../common/pagination';
import { CurrentTenant } from '../tenants/auth.decorators';
import type { TenantRef } from '../tenants/tenant-ref';
import { CreateWebhookDto } from './dto/create-webhook.dto';
import { RotateSecretDto } from './dto/rotate-secret.dto';
import { UpdateWebhookDto } from './dto/update-webhook.dto';
import { WebhooksService } from './webhooks.service';

@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('api/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  create(@CurrentTenant() tenant: TenantRef, @Body() dto: CreateWebhookDto) {
    return this.webhooks.create(tenant, dto);
  }

  @Get()
  list(@CurrentTenant() tenant: TenantRef, @Query() query: PageQuery) {
    return this.webhooks.list(tenant, query);
  }

  @Get(':id')
  get(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number) {
    return this.webhooks.get(tenant, id);
  }

  @Patch(':id')
  update(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number, @Body() dto: UpdateWebhookDto) {
    return this.webhooks.update(tenant, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number) {
    return this.webhooks.remove(tenant, id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  rotateSecret(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number, @Body() dto: RotateSecretDto) {
    return this.webhooks.rotateSecret(tenant, id, dto);
  }
}
