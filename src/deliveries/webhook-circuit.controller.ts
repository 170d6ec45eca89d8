import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IdParamPipe } from '../common/id-param.pipe';
import { CurrentTenant } from '../tenants/auth.decorators';
import type { TenantRef } from '../tenants/tenant-ref';
import { CircuitBreaker } from './circuit-breaker.service';

/** A marketer closes an open circuit by hand: the webhook's waiting messages go at once. */
@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('api/webhooks')
export class WebhookCircuitController {
  constructor(private readonly circuits: CircuitBreaker) {}

  @Post(':id/circuit/close')
  @HttpCode(200)
  close(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number) {
    return this.circuits.closeWebhook(tenant, id);
  }
}
