import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { fieldError } from '../common/validation';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdParamPipe } from '../common/id-param.pipe';
import { PageQuery } from '../common/pagination';
import { CurrentTenant, Requires } from '../common/auth.decorators';
import { ApiKeysService } from './api-keys.service';
import { toApiKeyView } from './api-key-view';
import { ApiKeyPage, ApiKeyView, IssuedApiKeyView } from './dto/api-key-view.dto';
import { CreateApiKeyDto } from './dto/create-api-key.dto';
import type { TenantRef } from '../common/tenant-ref';

@ApiTags('api-keys')
@ApiBearerAuth()
@Controller('api/api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Get()
  @Requires('keys:read')
  @ApiOperation({ summary: 'List API keys, revoked ones too (never the keys themselves)' })
  async list(@CurrentTenant() tenant: TenantRef, @Query() query: PageQuery): Promise<ApiKeyPage> {
    const page = await this.apiKeys.list(tenant, query);
    return { ...page, items: page.items.map(toApiKeyView) };
  }

  @Post()
  @Requires('keys:write')
  @ApiOperation({ summary: 'Issue an API key with scopes and an optional expiry: the answer holds the key, shown this once' })
  create(@CurrentTenant() tenant: TenantRef, @Body() dto: CreateApiKeyDto): Promise<IssuedApiKeyView> {
    const expiresAt = dto.expiresAt === undefined ? null : new Date(dto.expiresAt);
    if (expiresAt && expiresAt.getTime() <= Date.now()) throw fieldError('expiresAt', 'must be in the future', 'not_future');
    return this.apiKeys.issue(tenant.id, dto.name, undefined, { scopes: dto.scopes, expiresAt });
  }

  @Delete(':id')
  @Requires('keys:write')
  @ApiOperation({ summary: 'Revoke an API key: it stops authenticating at once (revoking twice changes nothing)' })
  async revoke(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number): Promise<ApiKeyView> {
    return toApiKeyView(await this.apiKeys.revoke(tenant, id));
  }
}
