import { Body, Controller, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AdminOnly } from './auth.decorators';
import { CreateTenantDto } from './dto/create-tenant.dto';
import { TenantsService } from './tenants.service';

@ApiTags('tenants')
@Controller('api/tenants')
export class TenantsController {
  constructor(private readonly tenants: TenantsService) {}

  @AdminOnly()
  @Post()
  create(@Body() dto: CreateTenantDto) {
    return this.tenants.create(dto.name, dto.keyName);
  }
}
