import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentTenant, Requires } from '../common/auth.decorators';
import type { TenantRef } from '../common/tenant-ref';
import { OverviewQueryDto } from './dto/overview-query.dto';
import { OverviewView } from './dto/overview-view.dto';
import { OverviewService } from './overview.service';

@ApiTags('overview')
@ApiBearerAuth()
@Controller('api/overview')
export class OverviewController {
  constructor(private readonly overview: OverviewService) {}

  @Get()
  @Requires('overview:read')
  @ApiOperation({
    summary:
      "The console's home (概览): today or the last 7 days in the caller's time zone — messages by status and source, per-webhook success rate and p95, what needs a look, running and upcoming sends, active journeys, the latest failures",
  })
  get(@CurrentTenant() tenant: TenantRef, @Query() query: OverviewQueryDto): Promise<OverviewView> {
    return this.overview.get(tenant, query);
  }
}
