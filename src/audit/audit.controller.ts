import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentTenant, Requires } from '../common/auth.decorators';
import type { TenantRef } from '../common/tenant-ref';
import { AuditReader } from './audit-reader.service';
import { AuditQueryDto } from './dto/audit-query.dto';
import { AuditPage } from './dto/audit-entry-view.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/audit-log')
export class AuditController {
  constructor(private readonly reader: AuditReader) {}

  @Get()
  @Requires('audit:read')
  @ApiOperation({ summary: 'Who changed what, when and from where: newest first; filter by actor, resource, action or time' })
  @ApiOkResponse({ type: AuditPage })
  list(@CurrentTenant() tenant: TenantRef, @Query() query: AuditQueryDto): Promise<AuditPage> {
    return this.reader.list(tenant, query);
  }
}
