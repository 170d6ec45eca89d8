import { Controller, Get, HttpCode, Param, ParseUUIDPipe, PipeTransform, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { fieldError } from '../common/validation';
import { CurrentTenant, Requires } from '../common/auth.decorators';
import type { TenantRef } from '../common/tenant-ref';
import { WebhooksService } from '../webhooks/webhooks.service';
import { DeliveriesService } from './deliveries.service';
import { DeliveryRetry } from './delivery-retry.service';
import { DeliveryQueryDto } from './dto/delivery-query.dto';
import { DeliveryDetail, DeliveryPage } from './dto/delivery-view.dto';

const deliveryId = new ParseUUIDPipe({ exceptionFactory: () => fieldError('id', 'must be a delivery id (UUID)', 'is_uuid') });
/** Ids are stored lowercase and compared byte by byte (ascii_bin): an id in capitals still finds its message. */
const lowercase: PipeTransform<string, string> = { transform: (value) => value.toLowerCase() };

@ApiTags('deliveries')
@ApiBearerAuth()
@Controller('api/deliveries')
export class DeliveriesController {
  constructor(
    private readonly deliveries: DeliveriesService,
    private readonly webhooks: WebhooksService,
    private readonly retries: DeliveryRetry,
  ) {}

  @Get()
  @Requires('deliveries:read')
  @ApiOperation({ summary: 'The message log (send history), newest first; filter by webhook, status, source, customer, mass send or time' })
  list(@CurrentTenant() tenant: TenantRef, @Query() query: DeliveryQueryDto): Promise<DeliveryPage> {
    return this.deliveries.list(tenant, query);
  }

  @Get(':id')
  @Requires('deliveries:read')
  @ApiOperation({ summary: 'A message with its request and every attempt (response status, headers and body, or the error)' })
  detail(@CurrentTenant() tenant: TenantRef, @Param('id', deliveryId, lowercase) id: string): Promise<DeliveryDetail> {
    return this.deliveries.detail(tenant, id);
  }

  @Post(':id/retry')
  @Requires('deliveries:write')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a failed or cancelled message again, with a fresh round of attempts' })
  @ApiOkResponse({ type: DeliveryDetail })
  @ApiResponse({
    status: 409,
    description:
      'The message is not failed or cancelled (delivery_not_retryable), was never rendered (delivery_never_rendered), ' +
      'or changed meanwhile (delivery_changed)',
  })
  async retry(@CurrentTenant() tenant: TenantRef, @Param('id', deliveryId, lowercase) id: string): Promise<DeliveryDetail> {
    const delivery = await this.deliveries.find(tenant, id);
    const webhook = await this.webhooks.findRow(tenant.id, delivery.webhookId);
    return this.retries.retry(tenant, id, webhook.maxAttempts);
  }
}
