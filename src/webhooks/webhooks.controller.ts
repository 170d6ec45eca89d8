import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdParamPipe } from '../common/id-param.pipe';
import { PageQuery } from '../common/pagination';
import { CurrentTenant, Requires } from '../common/auth.decorators';
import type { TenantRef } from '../common/tenant-ref';
import { CreateWebhookDto } from './dto/create-webhook.dto';
import { RotateSecretDto } from './dto/rotate-secret.dto';
import { UpdateWebhookDto } from './dto/update-webhook.dto';
import { WebhookPage, WebhookView } from './dto/webhook-view.dto';
import { WebhooksService } from './webhooks.service';

@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('api/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @Requires('webhooks:write')
  @ApiOperation({ summary: 'Register a webhook (manual, or on fixed events); its secret is never shown again' })
  create(@CurrentTenant() tenant: TenantRef, @Body() dto: CreateWebhookDto): Promise<WebhookView> {
    return this.webhooks.create(tenant, dto);
  }

  @Get()
  @Requires('webhooks:read')
  @ApiOperation({ summary: 'List webhooks, each with its newest message' })
  list(@CurrentTenant() tenant: TenantRef, @Query() query: PageQuery): Promise<WebhookPage> {
    return this.webhooks.list(tenant, query);
  }

  @Get(':id')
  @Requires('webhooks:read')
  @ApiOperation({ summary: 'Get a webhook' })
  get(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number): Promise<WebhookView> {
    return this.webhooks.get(tenant, id);
  }

  @Patch(':id')
  @Requires('webhooks:write')
  @ApiOperation({ summary: 'Change a webhook (JSON merge patch: null clears a value)' })
  update(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number, @Body() dto: UpdateWebhookDto): Promise<WebhookView> {
    return this.webhooks.update(tenant, id, dto);
  }

  @Delete(':id')
  @Requires('webhooks:write')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a webhook: nothing more is sent to it; its messages stay readable' })
  remove(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number): Promise<void> {
    return this.webhooks.remove(tenant, id);
  }

  @Post(':id/rotate-secret')
  @Requires('webhooks:write')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replace the secret; the old one keeps signing for a grace period' })
  rotateSecret(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number, @Body() dto: RotateSecretDto): Promise<WebhookView> {
    return this.webhooks.rotateSecret(tenant, id, dto);
  }
}
