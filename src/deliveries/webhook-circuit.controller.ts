import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { IdParamPipe } from '../common/id-param.pipe';
import { CurrentTenant, Requires } from '../common/auth.decorators';
import type { TenantRef } from '../common/tenant-ref';
import { WebhookView } from '../webhooks/dto/webhook-view.dto';
import { CircuitBreaker } from './circuit-breaker.service';

/** A marketer closes an open circuit by hand: the webhook's waiting messages go at once. */
@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('api/webhooks')
export class WebhookCircuitController {
  constructor(private readonly circuits: CircuitBreaker) {}

  @Post(':id/circuit/close')
  @Requires('webhooks:write')
  @HttpCode(200)
  @ApiOperation({ summary: "Close the webhook's circuit by hand: its waiting messages go at once" })
  @ApiOkResponse({ type: WebhookView })
  @ApiResponse({ status: 409, description: 'The circuit kept changing while it was being closed (circuit_busy): try again' })
  close(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number): Promise<WebhookView> {
    return this.circuits.closeWebhook(tenant, id);
  }
}
