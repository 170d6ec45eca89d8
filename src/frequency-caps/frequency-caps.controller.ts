import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentTenant, Requires } from '../common/auth.decorators';
import { IdParamPipe } from '../common/id-param.pipe';
import type { TenantRef } from '../common/tenant-ref';
import { FrequencyCapView, PutFrequencyCapDto } from './dto/frequency-cap.dto';
import { FrequencyCapsService } from './frequency-caps.service';

/**
 * Frequency caps: at most N marketing messages (mass sends and journeys through non-transactional
 * webhooks) per customer in a rolling window; over it a message is stored `skipped` with reason
 * `frequency_cap` and never sent.
 */
@ApiTags('frequency-caps')
@ApiBearerAuth()
@Controller('api')
export class FrequencyCapsController {
  constructor(private readonly caps: FrequencyCapsService) {}

  @Get('frequency-caps')
  @Requires('settings:read')
  @ApiOperation({ summary: "The tenant's frequency cap (off by default)" })
  @ApiOkResponse({ type: FrequencyCapView })
  get(@CurrentTenant() tenant: TenantRef): Promise<FrequencyCapView> {
    return this.caps.get(tenant);
  }

  @Put('frequency-caps')
  @Requires('settings:write')
  @ApiOperation({ summary: "Sets the tenant's frequency cap: counts every marketing message, over all webhooks" })
  @ApiOkResponse({ type: FrequencyCapView })
  put(@CurrentTenant() tenant: TenantRef, @Body() dto: PutFrequencyCapDto): Promise<FrequencyCapView> {
    return this.caps.put(tenant, dto);
  }

  @Get('webhooks/:id/frequency-cap')
  @Requires('settings:read')
  @ApiOperation({ summary: "A webhook's own frequency cap (off by default)" })
  @ApiOkResponse({ type: FrequencyCapView })
  @ApiResponse({ status: 404, description: 'No such webhook (webhook_not_found)' })
  getForWebhook(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number): Promise<FrequencyCapView> {
    return this.caps.getForWebhook(tenant, id);
  }

  @Put('webhooks/:id/frequency-cap')
  @Requires('settings:write')
  @ApiOperation({ summary: "Sets a webhook's own frequency cap, applied in addition to the tenant's" })
  @ApiOkResponse({ type: FrequencyCapView })
  @ApiResponse({ status: 404, description: 'No such webhook (webhook_not_found)' })
  putForWebhook(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number, @Body() dto: PutFrequencyCapDto): Promise<FrequencyCapView> {
    return this.caps.putForWebhook(tenant, id, dto);
  }
}
