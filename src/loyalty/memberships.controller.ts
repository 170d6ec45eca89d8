import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IdParamPipe } from '../common/id-param.pipe';
import { CurrentTenant } from '../tenants/auth.decorators';
import type { TenantRef } from '../tenants/tenant-ref';
import { CreateLevelDto, EnrolDto, MembershipQueryDto, UpdateMembershipDto } from './dto/loyalty.dto';
import { MembershipsService } from './memberships.service';

@ApiTags('loyalty')
@ApiBearerAuth()
@Controller('api/loyalty')
export class MembershipsController {
  constructor(private readonly memberships: MembershipsService) {}

  @Post('levels')
  createLevel(@CurrentTenant() tenant: TenantRef, @Body() dto: CreateLevelDto) {
    return this.memberships.createLevel(tenant, dto);
  }

  @Get('levels')
  async listLevels(@CurrentTenant() tenant: TenantRef) {
    return { items: await this.memberships.listLevels(tenant) };
  }

  /** `{customerId}` enrols one customer; `{groupId}` every customer of a group. */
  @Post('memberships')
  enrol(@CurrentTenant() tenant: TenantRef, @Body() dto: EnrolDto) {
    return this.memberships.enrol(tenant, dto);
  }

  @Get('memberships')
  list(@CurrentTenant() tenant: TenantRef, @Query() query: MembershipQueryDto) {
    return this.memberships.list(tenant, query);
  }

  @Get('memberships/:id')
  get(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number) {
    return this.memberships.get(tenant, id);
  }

  /** A level of another rank emits loyalty/membership_level_up or _down. */
  @Patch('memberships/:id')
  update(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number, @Body() dto: UpdateMembershipDto) {
    return this.memberships.update(tenant, id, dto);
  }
}
