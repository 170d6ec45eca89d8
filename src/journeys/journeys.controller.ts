import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IdParamPipe } from '../common/id-param.pipe';
import { CurrentTenant } from '../tenants/auth.decorators';
import type { TenantRef } from '../tenants/tenant-ref';
import { CreateJourneyDto, JourneyQueryDto, RunQueryDto, UpdateJourneyDto } from './dto/journey.dto';
import { JourneyRunsService } from './journey-runs.service';
import { JourneysService } from './journeys.service';

@ApiTags('journeys')
@ApiBearerAuth()
@Controller('api/journeys')
export class JourneysController {
  constructor(
    private readonly journeys: JourneysService,
    private readonly runService: JourneyRunsService,
  ) {}

  @Post()
  create(@CurrentTenant() tenant: TenantRef, @Body() dto: CreateJourneyDto) {
    return this.journeys.create(tenant, dto);
  }

  /** Checks a definition ({trigger, start, nodes}) without saving: {valid, errors}. */
  @Post('validate')
  @HttpCode(200)
  validate(@CurrentTenant() tenant: TenantRef, @Body() dto: UpdateJourneyDto) {
    return this.journeys.validate(tenant, { trigger: dto.trigger, start: dto.start, nodes: dto.nodes });
  }

  @Get()
  list(@CurrentTenant() tenant: TenantRef, @Query() query: JourneyQueryDto) {
    return this.journeys.list(tenant, query);
  }

  @Get(':id')
  get(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number) {
    return this.journeys.get(tenant, id);
  }

  @Patch(':id')
  update(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number, @Body() dto: UpdateJourneyDto) {
    return this.journeys.update(tenant, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number) {
    return this.journeys.remove(tenant, id);
  }

  @Post(':id/activate')
  @HttpCode(200)
  activate(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number) {
    return this.journeys.activate(tenant, id);
  }

  @Post(':id/pause')
  @HttpCode(200)
  pause(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number) {
    return this.journeys.pause(tenant, id);
  }

  @Post(':id/archive')
  @HttpCode(200)
  archive(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number) {
    return this.journeys.archive(tenant, id);
  }

  @Get(':id/versions')
  versions(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number) {
    return this.journeys.versions(tenant, id);
  }

  @Get(':id/runs')
  runs(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number, @Query() query: RunQueryDto) {
    return this.runService.list(tenant, id, query);
  }
}
