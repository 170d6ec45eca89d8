import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IdParamPipe } from '../common/id-param.pipe';
import { PageQuery } from '../common/pagination';
import { CurrentTenant } from '../tenants/auth.decorators';
import type { TenantRef } from '../tenants/tenant-ref';
import { CreateGroupDto } from './dto/create-group.dto';
import { GroupMembersDto } from './dto/group-members.dto';
import { PreviewCountDto } from './dto/preview-count.dto';
import { UpdateGroupDto } from './dto/update-group.dto';
import { GroupsService } from './groups.service';

@ApiTags('groups')
@ApiBearerAuth()
@Controller('api/groups')
export class GroupsController {
  constructor(private readonly groups: GroupsService) {}

  @Post()
  create(@CurrentTenant() tenant: TenantRef, @Body() dto: CreateGroupDto) {
    return this.groups.create(tenant, dto);
  }

  /** How many customers a dynamic rule matches now (the rule builder's live count); nothing is saved. */
  @Post('preview-count')
  @HttpCode(200)
  previewCount(@CurrentTenant() tenant: TenantRef, @Body() dto: PreviewCountDto) {
    return this.groups.previewCount(tenant, dto.rule);
  }

  @Get()
  list(@CurrentTenant() tenant: TenantRef, @Query() query: PageQuery) {
    return this.groups.list(tenant, query);
  }

  @Get(':id')
  get(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number) {
    return this.groups.get(tenant, id);
  }

  @Patch(':id')
  update(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number, @Body() dto: UpdateGroupDto) {
    return this.groups.update(tenant, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number) {
    return this.groups.remove(tenant, id);
  }

  @Get(':id/members')
  members(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number, @Query() query: PageQuery) {
    return this.groups.members(tenant, id, query);
  }

  @Post(':id/members')
  @HttpCode(200)
  addMembers(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number, @Body() dto: GroupMembersDto) {
    return this.groups.addMembers(tenant, id, dto.customerIds);
  }

  @Post(':id/members/remove')
  @HttpCode(200)
  removeMembers(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number, @Body() dto: GroupMembersDto) {
    return this.groups.removeMembers(tenant, id, dto.customerIds);
  }
}
