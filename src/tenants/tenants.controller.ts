import { Body, Controller, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../common/auth.decorators';
import { CreateTenantDto } from './dto/create-tenant.dto';
import { CreatedTenantView } from './dto/tenant-view.dto';
import { TenantsService } from './tenants.service';

@ApiTags('tenants')
@Controller('api/tenants')
export class TenantsController {
  constructor(private readonly tenants: TenantsService) {}

  @AdminOnly()
  @Post()
  @ApiOperation({ summary: "Create a tenant and its first API key (shown once); needs the deployment's ADMIN_TOKEN" })
  // An @ApiResponse makes Nest drop the return type's answer: declared again here.
  @ApiResponse({ status: 201, type: CreatedTenantView })
  @ApiResponse({ status: 403, description: 'ADMIN_TOKEN is not configured on this deployment (admin_token_unset)' })
  create(@Body() dto: CreateTenantDto): Promise<CreatedTenantView> {
    return this.tenants.create(dto.name, dto.keyName);
  }
}
