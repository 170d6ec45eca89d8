import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdParamPipe } from '../common/id-param.pipe';
import { CurrentTenant, Requires } from '../common/auth.decorators';
import type { TenantRef } from '../common/tenant-ref';
import { JourneyRunDetail } from './dto/journey-run-view.dto';
import { JourneyRunsService } from './journey-runs.service';

@ApiTags('journeys')
@ApiBearerAuth()
@Controller('api/journey-runs')
export class JourneyRunsController {
  constructor(private readonly runs: JourneyRunsService) {}

  @Get(':id')
  @Requires('journeys:read')
  @ApiOperation({ summary: 'Get a run: its context and step log (each webhook step links to its message)' })
  get(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number): Promise<JourneyRunDetail> {
    return this.runs.get(tenant, id);
  }
}
