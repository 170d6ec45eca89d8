import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { IdParamPipe } from '../common/id-param.pipe';
import { CurrentTenant } from '../tenants/auth.decorators';
import type { TenantRef } from '../tenants/tenant-ref';
import { CustomerImportService } from './customer-import.service';
import { CustomersService } from './customers.service';
import { ActivityDeltaDto } from './dto/activity.dto';
import { CreateCustomerDto } from './dto/create-customer.dto';
import { CustomerQueryDto } from './dto/customer-query.dto';
import { UpdateCustomerDto } from './dto/update-customer.dto';
import { importRowsFromRequest } from './import-body';

@ApiTags('customers')
@ApiBearerAuth()
@Controller('api/customers')
export class CustomersController {
  constructor(
    private readonly customers: CustomersService,
    private readonly importer: CustomerImportService,
  ) {}

  @Post()
  create(@CurrentTenant() tenant: TenantRef, @Body() dto: CreateCustomerDto) {
    return this.customers.create(tenant, dto);
  }

  @Get()
  search(@CurrentTenant() tenant: TenantRef, @Query() query: CustomerQueryDto) {
    return this.customers.search(tenant, query);
  }

  @ApiConsumes('application/json', 'text/csv')
  @ApiBody({ description: 'A JSON array of customers, or CSV with a header line' })
  @Post('import')
  @HttpCode(200)
  import(@CurrentTenant() tenant: TenantRef, @Req() req: Request) {
    return this.importer.import(tenant, importRowsFromRequest(req));
  }

  @Get(':id')
  get(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number) {
    return this.customers.get(tenant, id);
  }

  @Patch(':id')
  update(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number, @Body() dto: UpdateCustomerDto) {
    return this.customers.update(tenant, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number) {
    return this.customers.remove(tenant, id);
  }

  @Post(':id/activity')
  @HttpCode(200)
  addActivity(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number, @Body() dto: ActivityDeltaDto) {
    return this.customers.addActivity(tenant, id, dto.delta);
  }
}
