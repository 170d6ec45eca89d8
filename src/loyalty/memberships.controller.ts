import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { IdParamPipe } from '../common/id-param.pipe';
import { CurrentTenant, Requires } from '../common/auth.decorators';
import type { TenantRef } from '../common/tenant-ref';
import { CreateLevelDto, EnrolDto, MembershipQueryDto, UpdateMembershipDto } from './dto/loyalty.dto';
import { EnrolReport, LevelPage, LevelView, MembershipChange, MembershipPage, MembershipView } from './dto/loyalty-view.dto';
import { MembershipsService } from './memberships.service';

@ApiTags('loyalty')
@ApiBearerAuth()
@ApiExtraModels(MembershipView, EnrolReport)
@Controller('api/loyalty')
export class MembershipsController {
  constructor(private readonly memberships: MembershipsService) {}

  @Post('levels')
  @Requires('loyalty:write')
  @ApiOperation({ summary: 'Create a membership level (a higher rank is a higher level)' })
  @ApiCreatedResponse({ type: LevelView })
  @ApiResponse({ status: 409, description: 'A level with this rank (level_rank_taken) or name (level_name_taken) exists already' })
  createLevel(@CurrentTenant() tenant: TenantRef, @Body() dto: CreateLevelDto): Promise<LevelView> {
    return this.memberships.createLevel(tenant, dto);
  }

  @Get('levels')
  @Requires('loyalty:read')
  @ApiOperation({ summary: 'Every level, lowest rank first (one page)' })
  async listLevels(@CurrentTenant() tenant: TenantRef): Promise<LevelPage> {
    return { items: await this.memberships.listLevels(tenant), nextCursor: null };
  }

  @Post('memberships')
  @Requires('loyalty:write')
  @ApiOperation({
    summary: 'Enrol: `{customerId}` one customer (answers the membership), `{groupId}` every customer of a group (answers a report)',
    description: 'Without levelId, members start at the lowest-ranked level.',
  })
  @ApiCreatedResponse({ schema: { oneOf: [{ $ref: getSchemaPath(MembershipView) }, { $ref: getSchemaPath(EnrolReport) }] } })
  @ApiResponse({ status: 404, description: 'No such customer (customer_not_found) or group (group_not_found)' })
  @ApiResponse({ status: 409, description: 'The customer is a member already (membership_exists), or there are no levels yet (no_levels)' })
  enrol(@CurrentTenant() tenant: TenantRef, @Body() dto: EnrolDto): Promise<MembershipView | EnrolReport> {
    return this.memberships.enrol(tenant, dto);
  }

  @Get('memberships')
  @Requires('loyalty:read')
  @ApiOperation({ summary: "List memberships, oldest first, each with its customer's name and mobile" })
  list(@CurrentTenant() tenant: TenantRef, @Query() query: MembershipQueryDto): Promise<MembershipPage> {
    return this.memberships.list(tenant, query);
  }

  @Get('memberships/:id')
  @Requires('loyalty:read')
  @ApiOperation({ summary: 'Get a membership' })
  get(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number): Promise<MembershipView> {
    return this.memberships.get(tenant, id);
  }

  @Patch('memberships/:id')
  @Requires('loyalty:write')
  @ApiOperation({ summary: "Change a membership's level or points; a level of another rank emits loyalty/membership_level_up or _down" })
  @ApiOkResponse({ type: MembershipChange })
  @ApiResponse({ status: 409, description: 'The membership points at a level that no longer exists (membership_level_missing)' })
  update(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number, @Body() dto: UpdateMembershipDto): Promise<MembershipChange> {
    return this.memberships.update(tenant, id, dto);
  }
}
