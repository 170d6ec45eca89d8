import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IdParamPipe } from '../common/id-param.pipe';
import { CurrentTenant } from '../tenants/auth.decorators';
import type { TenantRef } from '../tenants/tenant-ref';
import { JourneyRunsService } from './journey-runs.service';

@ApiTags('journeys')
@ApiBearerAuth()
@Controller('api/journey-runs')
export class JourneyRunsController {
  constructor(private readonly runs: JourneyRunsService) {}

  /** A run: its context and step log (each webhook step links to its delivery). */
  @Get(':id')
  get(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number) {
    return this.runs.get(tenant, id);
  }
}
