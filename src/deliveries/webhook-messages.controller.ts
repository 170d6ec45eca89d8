import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IdParamPipe } from '../common/id-param.pipe';
import { CurrentTenant } from '../tenants/auth.decorators';
import type { TenantRef } from '../tenants/tenant-ref';
import { CustomerRefDto } from '../webhooks/dto/customer-ref.dto';
import { PreviewDto } from '../webhooks/dto/preview.dto';
import { TestSendService } from './test-send.service';

/** Sending one message through a webhook: preview (render only) and test send (real, synchronous). */
@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('api/webhooks')
export class WebhookMessagesController {
  constructor(private readonly testSends: TestSendService) {}

  @Post(':id/preview')
  @HttpCode(200)
  preview(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number, @Body() dto: PreviewDto) {
    return this.testSends.preview(tenant, id, dto.customerId, dto.bodyTemplate);
  }

  @Post(':id/test')
  @HttpCode(200)
  testSend(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number, @Body() dto: CustomerRefDto) {
    return this.testSends.testSend(tenant, id, dto.customerId);
  }
}
