import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { IdParamPipe } from '../common/id-param.pipe';
import { PageQuery } from '../common/pagination';
import { CurrentTenant, Requires } from '../common/auth.decorators';
import type { TenantRef } from '../common/tenant-ref';
import { DEFINITION_MODELS } from './dto/journey-definition.dto';
import { JourneyRunDetail, JourneyRunPage } from './dto/journey-run-view.dto';
import { JourneyNodeCountsView, NodeCountsQuery, StartTestRunDto } from './dto/test-run.dto';
import { JourneyPage, JourneyValidationView, JourneyVersionPage, JourneyView } from './dto/journey-view.dto';
import { CreateJourneyDto, JourneyQueryDto, RunQueryDto, UpdateJourneyDto } from './dto/journey.dto';
import { JourneyRunsService } from './journey-runs.service';
import { JourneysService } from './journeys.service';
import { TestRuns } from './test-runs.service';

@ApiTags('journeys')
@ApiBearerAuth()
@ApiExtraModels(...DEFINITION_MODELS)
@Controller('api/journeys')
// A route that declares an @ApiResponse (its 409) loses the one its return type gives: it declares its 2xx too.
export class JourneysController {
  constructor(
    private readonly journeys: JourneysService,
    private readonly runService: JourneyRunsService,
    private readonly testRuns: TestRuns,
  ) {}

  @Post()
  @Requires('journeys:write')
  @ApiOperation({ summary: 'Create a journey (a draft): a trigger and a graph of nodes, checked whole' })
  create(@CurrentTenant() tenant: TenantRef, @Body() dto: CreateJourneyDto): Promise<JourneyView> {
    return this.journeys.create(tenant, dto);
  }

  @Post('validate')
  @Requires('journeys:read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Check a definition ({trigger, start, nodes}) without saving: {valid, errors, problems}' })
  validate(@CurrentTenant() tenant: TenantRef, @Body() dto: UpdateJourneyDto): Promise<JourneyValidationView> {
    return this.journeys.validate(tenant, { trigger: dto.trigger, start: dto.start, nodes: dto.nodes });
  }

  @Get()
  @Requires('journeys:read')
  @ApiOperation({ summary: 'List journeys, newest first, each with its run counts' })
  list(@CurrentTenant() tenant: TenantRef, @Query() query: JourneyQueryDto): Promise<JourneyPage> {
    return this.journeys.list(tenant, query);
  }

  @Get(':id')
  @Requires('journeys:read')
  @ApiOperation({ summary: 'Get a journey with its run counts' })
  get(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number): Promise<JourneyView> {
    return this.journeys.get(tenant, id);
  }

  @Patch(':id')
  @Requires('journeys:write')
  @ApiOperation({ summary: 'Change a journey: a draft in place; one that has run gets a new version (running customers keep theirs)' })
  @ApiOkResponse({ type: JourneyView })
  @ApiResponse({ status: 409, description: 'The journey is archived (journey_archived)' })
  update(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number, @Body() dto: UpdateJourneyDto): Promise<JourneyView> {
    return this.journeys.update(tenant, id, dto);
  }

  @Delete(':id')
  @Requires('journeys:write')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a draft journey (one that has run is archived instead)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiResponse({ status: 409, description: 'The journey has run: archive it instead (journey_has_run)' })
  remove(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number): Promise<void> {
    return this.journeys.remove(tenant, id);
  }

  @Post(':id/activate')
  @Requires('journeys:write')
  @HttpCode(200)
  @ApiOperation({ summary: 'Activate a draft (version 1; a group_entry journey enters the members) or resume a paused journey' })
  @ApiOkResponse({ type: JourneyView })
  @ApiResponse({ status: 409, description: 'The journey is archived (journey_archived), or changed meanwhile (journey_changed)' })
  activate(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number): Promise<JourneyView> {
    return this.journeys.activate(tenant, id);
  }

  @Post(':id/pause')
  @Requires('journeys:write')
  @HttpCode(200)
  @ApiOperation({ summary: 'Pause an active journey: runs stay where they are and no one new enters' })
  @ApiOkResponse({ type: JourneyView })
  @ApiResponse({ status: 409, description: 'The journey is not active (journey_not_active), or changed meanwhile (journey_changed)' })
  pause(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number): Promise<JourneyView> {
    return this.journeys.pause(tenant, id);
  }

  @Post(':id/archive')
  @Requires('journeys:write')
  @HttpCode(200)
  @ApiOperation({ summary: 'Archive a journey (final): no one enters and unfinished runs are cancelled' })
  archive(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number): Promise<JourneyView> {
    return this.journeys.archive(tenant, id);
  }

  @Get(':id/versions')
  @Requires('journeys:read')
  @ApiOperation({ summary: "List a journey's versions, newest first" })
  versions(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number, @Query() query: PageQuery): Promise<JourneyVersionPage> {
    return this.journeys.versions(tenant, id, query);
  }

  @Get(':id/runs')
  @Requires('journeys:read')
  @ApiOperation({ summary: "List a journey's runs, newest first (by status or customer)" })
  runs(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number, @Query() query: RunQueryDto): Promise<JourneyRunPage> {
    return this.runService.list(tenant, id, query);
  }

  @Get(':id/node-counts')
  @Requires('journeys:read')
  @ApiOperation({ summary: 'Per-node counts of a version (entered, waiting, done, failed; test runs left out), for the canvas' })
  nodeCounts(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number, @Query() query: NodeCountsQuery): Promise<JourneyNodeCountsView> {
    return this.testRuns.nodeCounts(tenant, id, query);
  }

  @Post(':id/test-runs')
  @Requires('journeys:write')
  @ApiOperation({
    summary: '测试运行: run the draft (or a version) for one customer now; waits skipped, webhook nodes sent as test sends, the customer left unchanged',
  })
  @ApiResponse({ status: 201, type: JourneyRunDetail })
  @ApiResponse({ status: 400, description: 'The definition does not validate now (its problems), or the body is bad' })
  @ApiResponse({ status: 404, description: 'No such journey, version (journey_version_not_found) or customer' })
  testRun(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number, @Body() dto: StartTestRunDto): Promise<JourneyRunDetail> {
    return this.testRuns.start(tenant, id, dto);
  }
}
