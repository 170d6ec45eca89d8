import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentTenant, Requires } from '../common/auth.decorators';
import { IdParamPipe } from '../common/id-param.pipe';
import type { TenantRef } from '../common/tenant-ref';
import { CustomerProfileService } from './customer-profile.service';
import { CustomerTimelineService } from './customer-timeline.service';
import { CustomerProfileView } from './dto/customer-profile.dto';
import { TimelinePage, TimelineQueryDto } from './dto/timeline.dto';

@ApiTags('customers')
@ApiBearerAuth()
@Controller('api/customers')
export class Customer360Controller {
  constructor(
    private readonly profiles: CustomerProfileService,
    private readonly timelines: CustomerTimelineService,
  ) {}

  @Get(':id/profile')
  @Requires('customers:read')
  @ApiOperation({ summary: 'A customer with the groups they are in now (static and matching dynamic) and their loyalty level, points and coupons' })
  profile(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number): Promise<CustomerProfileView> {
    return this.profiles.get(tenant, id);
  }

  @Get(':id/timeline')
  @Requires('customers:read')
  @ApiOperation({
    summary: 'What Herald did to and saw of a customer, newest first: messages, journey runs, form submissions, inbound requests, fixed events',
  })
  timeline(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number, @Query() query: TimelineQueryDto): Promise<TimelinePage> {
    return this.timelines.page(tenant, id, query);
  }
}
