import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { IdParamPipe } from '../common/id-param.pipe';
import { CurrentTenant, Requires } from '../common/auth.decorators';
import type { TenantRef } from '../common/tenant-ref';
import { CustomerRefDto } from '../webhooks/dto/customer-ref.dto';
import { PreviewDto } from '../webhooks/dto/preview.dto';
import { DraftPreviewDto } from '../webhooks/dto/draft-preview.dto';
import { DeliveryDetail, PreviewView } from './dto/delivery-view.dto';
import { TestSendService } from './test-send.service';

/** Sending one message through a webhook: preview (render only) and test send (real, synchronous). */
@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('api/webhooks')
export class WebhookMessagesController {
  constructor(private readonly testSends: TestSendService) {}

  @Post('preview')
  @Requires('webhooks:read')
  @HttpCode(200)
  @ApiOperation({
    summary: "Render the request an unsaved webhook would make (the editor's live preview); nothing is sent or stored",
    description:
      'Takes the fields of a create (checked the same way; `name` may be left out) and an optional customer: without ' +
      'one, a sample customer. Rendered and signed as a real send (the signature headers are real, secrets never shown). ' +
      'A bad field or a template that fails is a 400 naming it; a `bodyTemplate` sent as JSON text gets `params.line`, ' +
      'the line of the template problem. 404: no such customer.',
  })
  @ApiOkResponse({ type: PreviewView })
  @ApiResponse({ status: 404, description: 'No such customer (customer_not_found)' })
  previewDraft(@CurrentTenant() tenant: TenantRef, @Body() dto: DraftPreviewDto): Promise<PreviewView> {
    return this.testSends.previewDraft(tenant, dto);
  }

  @Post(':id/preview')
  @Requires('webhooks:read')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Render the request a send would make for one customer (or a sample one), as saved or with unsaved edits; nothing is sent or stored',
    description:
      'Any fields of an update may be given: the request as the webhook would be with them (checked like an update, a 400 naming a bad field). ' +
      'A template that fails (for this customer, or past a render limit) is a 400 whose `problems` name the leaf ' +
      '(`bodyTemplate.text.content`) with a code such as unknown_variable or render_time. 404: no such webhook or customer.',
  })
  preview(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number, @Body() dto: PreviewDto): Promise<PreviewView> {
    return this.testSends.preview(tenant, id, dto);
  }

  @Post(':id/test')
  @Requires('webhooks:test')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Test send (测试发送): one real message to one customer, sent at once; answers the message with its attempt',
    description:
      "One attempt, no retries, past the rate limit; kept in the log with source `test`. The receiver's failure is " +
      "not an error of this call: the answer is the failed message (`status: failed`, `lastErrorClass`, the attempt's response). " +
      'A template that fails for this customer answers the failed message with `lastErrorClass: template`, nothing sent. ' +
      '404: no such webhook or customer.',
  })
  @ApiOkResponse({ type: DeliveryDetail })
  @ApiResponse({ status: 409, description: 'The webhook is disabled (webhook_disabled, with `params.reason`)' })
  testSend(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number, @Body() dto: CustomerRefDto): Promise<DeliveryDetail> {
    return this.testSends.testSend(tenant, id, dto.customerId);
  }
}
