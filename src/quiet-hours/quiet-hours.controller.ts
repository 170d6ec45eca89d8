import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentTenant, Requires } from '../common/auth.decorators';
import { IdParamPipe } from '../common/id-param.pipe';
import type { TenantRef } from '../common/tenant-ref';
import { JourneysService } from '../journeys/journeys.service';
import { WebhooksService } from '../webhooks/webhooks.service';
import { QuietHoursOverrideDto, QuietHoursOverrideView, TenantQuietHoursDto, TenantQuietHoursView } from './dto/quiet-hours.dto';
import { QuietHoursService } from './quiet-hours.service';

/**
 * Quiet hours: marketing messages (mass sends, journeys) on webhooks not marked transactional go only
 * inside the allowed windows; one due outside waits (`deferred`) until the next window opens.
 */
@ApiTags('quiet-hours')
@ApiBearerAuth()
@Controller('api/quiet-hours')
export class QuietHoursController {
  constructor(
    private readonly quiet: QuietHoursService,
    private readonly webhooks: WebhooksService,
    private readonly journeys: JourneysService,
  ) {}

  @Get()
  @Requires('settings:read')
  @ApiOperation({ summary: "The tenant's quiet hours (off by default)" })
  get(@CurrentTenant() tenant: TenantRef): Promise<TenantQuietHoursView> {
    return this.quiet.tenant(tenant);
  }

  @Put()
  @Requires('settings:write')
  @ApiOperation({ summary: "Save the tenant's quiet hours: time zone and allowed windows; applies within seconds" })
  put(@CurrentTenant() tenant: TenantRef, @Body() dto: TenantQuietHoursDto): Promise<TenantQuietHoursView> {
    return this.quiet.saveTenant(tenant, dto);
  }

  @Get('webhooks/:id')
  @Requires('settings:read')
  @ApiOperation({ summary: "A webhook's quiet hours: inherit (the tenant's), custom windows, or unrestricted" })
  async getWebhook(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number): Promise<QuietHoursOverrideView> {
    await this.webhooks.findRow(tenant.id, id);
    return this.quiet.override(tenant, 'webhook', id);
  }

  @Put('webhooks/:id')
  @Requires('settings:write')
  @ApiOperation({ summary: 'Give a webhook its own quiet hours (custom windows) or none (unrestricted)' })
  async putWebhook(
    @CurrentTenant() tenant: TenantRef,
    @Param('id', IdParamPipe) id: number,
    @Body() dto: QuietHoursOverrideDto,
  ): Promise<QuietHoursOverrideView> {
    await this.webhooks.findRow(tenant.id, id);
    return this.quiet.saveOverride(tenant, 'webhook', id, dto);
  }

  @Delete('webhooks/:id')
  @Requires('settings:write')
  @HttpCode(204)
  @ApiNoContentResponse({ description: "The webhook follows the tenant's quiet hours again" })
  @ApiOperation({ summary: "Remove a webhook's override: the tenant's quiet hours apply" })
  async deleteWebhook(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number): Promise<void> {
    await this.webhooks.findRow(tenant.id, id);
    await this.quiet.removeOverride(tenant, 'webhook', id);
  }

  @Get('journeys/:id')
  @Requires('settings:read')
  @ApiOperation({ summary: "A journey's quiet hours: inherit, custom windows, or unrestricted (wins over its webhooks')" })
  async getJourney(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number): Promise<QuietHoursOverrideView> {
    await this.journeys.find(tenant, id);
    return this.quiet.override(tenant, 'journey', id);
  }

  @Put('journeys/:id')
  @Requires('settings:write')
  @ApiOperation({ summary: 'Give a journey its own quiet hours (custom windows) or none (unrestricted)' })
  async putJourney(
    @CurrentTenant() tenant: TenantRef,
    @Param('id', IdParamPipe) id: number,
    @Body() dto: QuietHoursOverrideDto,
  ): Promise<QuietHoursOverrideView> {
    await this.journeys.find(tenant, id);
    return this.quiet.saveOverride(tenant, 'journey', id, dto);
  }

  @Delete('journeys/:id')
  @Requires('settings:write')
  @HttpCode(204)
  @ApiNoContentResponse({ description: "The journey follows the tenant's (or its webhook's) quiet hours again" })
  @ApiOperation({ summary: "Remove a journey's override" })
  async deleteJourney(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number): Promise<void> {
    await this.journeys.find(tenant, id);
    await this.quiet.removeOverride(tenant, 'journey', id);
  }
}
