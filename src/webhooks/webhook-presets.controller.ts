import { Requires } from '../common/auth.decorators';
import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { WebhookPresetPage } from './dto/webhook-preset-view.dto';
import { WEBHOOK_PRESETS } from './presets';

@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('api/webhook-presets')
export class WebhookPresetsController {
  @Get()
  @Requires('webhooks:read')
  @ApiOperation({
    summary: 'Chat robot presets (WeCom, DingTalk, Feishu): URL pattern, body templates, signature, success rule and rate limit to create a webhook with',
  })
  list(): WebhookPresetPage {
    return { items: [...WEBHOOK_PRESETS], nextCursor: null };
  }
}
