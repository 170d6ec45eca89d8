import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { fieldError } from '../common/validation';
import { CurrentTenant } from '../tenants/auth.decorators';
import type { TenantRef } from '../tenants/tenant-ref';
import { WebhooksService } from '../webhooks/webhooks.service';
import { DeliveriesService } from './deliveries.service';
import { DeliveryQueryDto } from './dto/delivery-query.dto';

const deliveryId = new ParseUUIDPipe({ exceptionFactory: () => fieldError('id', 'must be a delivery id (UUID)') });

@ApiTags('deliveries')
@ApiBearerAuth()
@Controller('api/deliveries')
export class DeliveriesController {
  constructor(
    private readonly deliveries: DeliveriesService,
    private readonly webhooks: WebhooksService,
  ) {}

  @Get()
  list(@CurrentTenant() tenant: TenantRef, @Query() query: DeliveryQueryDto) {
    return this.deliveries.list(tenant, query);
  }

  @Get(':id')
  detail(@CurrentTenant() tenant: TenantRef, @Param('id', deliveryId) id: string) {
    return this.deliveries.detail(tenant, id);
  }

  @Post(':id/retry')
  @HttpCode(200)
  async retry(@CurrentTenant() tenant: TenantRef, @Param('id', deliveryId) id: string) {
    const delivery = await this.deliveries.find(tenant, id);
    const webhook = await this.webhooks.findRow(tenant.id, delivery.webhookId);
    return this.deliveries.retry(tenant, id, webhook.maxAttempts);
  }
}
