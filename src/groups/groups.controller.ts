import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { IdParamPipe } from '../common/id-param.pipe';
import { PageQuery } from '../common/pagination';
import { CustomerPage } from '../customers/dto/customer-view.dto';
import { CurrentTenant, Requires } from '../common/auth.decorators';
import { seesContactFields, type TenantRef } from '../common/tenant-ref';
import { apiError } from '../common/api-error';
import { contactFieldsInRule } from '../common/contact-mask';
import { CreateGroupDto } from './dto/create-group.dto';
import { AddMembersView, GroupMembersDto, RemoveMembersView } from './dto/group-members.dto';
import { GroupDetailView, GroupPage } from './dto/group-view.dto';
import { PreviewCountDto, PreviewCountView } from './dto/preview-count.dto';
import { SEGMENT_RULE_MODELS } from './dto/segment-rule.dto';
import { UpdateGroupDto } from './dto/update-group.dto';
import { GroupsService } from './groups.service';

// An @ApiResponse makes Nest drop the return type's answer: routes declaring one declare their 2xx too.
const NAME_TAKEN = 'Another group has this name (group_name_taken)';
const NOT_STATIC = 'The group is dynamic: its members come from its rule (group_not_static)';

@ApiTags('groups')
@ApiBearerAuth()
@ApiExtraModels(...SEGMENT_RULE_MODELS)
@Controller('api/groups')
export class GroupsController {
  constructor(private readonly groups: GroupsService) {}

  @Post()
  @Requires('groups:write')
  @ApiOperation({ summary: 'Create a static group (members added by id) or a dynamic one (members by rule)' })
  @ApiResponse({ status: 201, type: GroupDetailView })
  @ApiResponse({ status: 409, description: NAME_TAKEN })
  create(@CurrentTenant() tenant: TenantRef, @Body() dto: CreateGroupDto): Promise<GroupDetailView> {
    return this.groups.create(tenant, dto);
  }

  @Post('preview-count')
  @Requires('groups:read')
  @HttpCode(200)
  @ApiOperation({ summary: "How many customers a dynamic rule matches now (the rule builder's live count); nothing is saved" })
  previewCount(@CurrentTenant() tenant: TenantRef, @Body() dto: PreviewCountDto): Promise<PreviewCountView> {
    // A count over masked values would tell them back, one digit at a time.
    const contact = contactFieldsInRule(dto.rule);
    if (contact.length && !seesContactFields(tenant)) {
      throw apiError(403, 'forbidden', `Counting by ${contact[0]} needs customers' contact fields, which this caller sees masked`, {
        permission: 'customers:contact',
      });
    }
    return this.groups.previewCount(tenant, dto.rule);
  }

  @Get()
  @Requires('groups:read')
  @ApiOperation({ summary: 'List groups' })
  list(@CurrentTenant() tenant: TenantRef, @Query() query: PageQuery): Promise<GroupPage> {
    return this.groups.list(tenant, query);
  }

  @Get(':id')
  @Requires('groups:read')
  @ApiOperation({ summary: 'Get a group and its member count now' })
  get(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number): Promise<GroupDetailView> {
    return this.groups.get(tenant, id);
  }

  @Patch(':id')
  @Requires('groups:write')
  @ApiOperation({ summary: 'Rename a group, or change its description or (dynamic groups) its rule' })
  @ApiResponse({ status: 200, type: GroupDetailView })
  @ApiResponse({ status: 409, description: NAME_TAKEN })
  update(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number, @Body() dto: UpdateGroupDto): Promise<GroupDetailView> {
    return this.groups.update(tenant, id, dto);
  }

  @Delete(':id')
  @Requires('groups:write')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a group (its customers stay)' })
  remove(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number): Promise<void> {
    return this.groups.remove(tenant, id);
  }

  @Get(':id/members')
  @Requires('groups:read')
  @ApiOperation({ summary: "List a group's live customers: a static group's members, or a dynamic rule's matches now" })
  members(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number, @Query() query: PageQuery): Promise<CustomerPage> {
    return this.groups.members(tenant, id, query);
  }

  @Post(':id/members')
  @Requires('groups:write')
  @HttpCode(200)
  @ApiOperation({ summary: 'Add customers to a static group by id; unknown ids are reported, not refused' })
  @ApiResponse({ status: 200, type: AddMembersView })
  @ApiResponse({ status: 409, description: NOT_STATIC })
  addMembers(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number, @Body() dto: GroupMembersDto): Promise<AddMembersView> {
    return this.groups.addMembers(tenant, id, dto.customerIds);
  }

  @Post(':id/members/remove')
  @Requires('groups:write')
  @HttpCode(200)
  @ApiOperation({ summary: 'Remove customers from a static group by id' })
  @ApiResponse({ status: 200, type: RemoveMembersView })
  @ApiResponse({ status: 409, description: NOT_STATIC })
  removeMembers(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number, @Body() dto: GroupMembersDto): Promise<RemoveMembersView> {
    return this.groups.removeMembers(tenant, id, dto.customerIds);
  }
}
