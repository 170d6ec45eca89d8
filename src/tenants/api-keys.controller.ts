import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IdParamPipe } from '../common/id-param.pipe';
import { CurrentTenant } from './auth.decorators';
import { ApiKeysService } from './api-keys.service';
import { CreateApiKeyDto } from './dto/create-api-key.dto';
import type { TenantRef } from './tenant-ref';

@ApiTags('api-keys')
@ApiBearerAuth()
@Controller('api/api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Get()
  list(@CurrentTenant() tenant: TenantRef) {
    return this.apiKeys.list(tenant);
  }

  @Post()
  create(@CurrentTenant() tenant: TenantRef, @Body() dto: CreateApiKeyDto) {
    return this.apiKeys.issue(tenant.id, dto.name);
  }

  @Delete(':id')
  revoke(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number) {
    return this.apiKeys.revoke(tenant, id);
  }
}
