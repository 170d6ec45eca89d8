import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiExtraModels, ApiOperation, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Request } from 'express';
import { IdParamPipe } from '../common/id-param.pipe';
import { CurrentTenant, Requires } from '../common/auth.decorators';
import type { TenantRef } from '../common/tenant-ref';
import { CustomerImportService } from './customer-import.service';
import { toCustomerView } from './customer-view';
import { CustomersService } from './customers.service';
import { ActivityDeltaDto } from './dto/activity.dto';
import { CreateCustomerDto } from './dto/create-customer.dto';
import { CustomerQueryDto } from './dto/customer-query.dto';
import { CustomerPage, CustomerView } from './dto/customer-view.dto';
import { ImportCustomerRow, ImportReportView } from './dto/import-report.dto';
import { UpdateCustomerDto } from './dto/update-customer.dto';
import { importRowsFromRequest } from './import-body';
import { MAX_IMPORT_ROWS } from './customer-import.service';
import { CustomerSubscriptions, viaOf } from './customer-subscription.service';

const TAKEN = 'The mobile or email belongs to another live customer (customer_mobile_taken, customer_email_taken)';

const CSV = {
  type: 'string',
  description:
    'text/csv or text/plain: CSV with a header line naming the columns: name, wechatNickname, mobile, email, activityScore, ' +
    'unsubscribed (true/false, 是/否, 1/0) and attributes.<key>. Empty cells are left out.',
  example: 'name,mobile,attributes.city\nLi Lei,13800138000,Shanghai\n',
};

@ApiTags('customers')
@ApiBearerAuth()
@ApiExtraModels(ImportCustomerRow)
@Controller('api/customers')
export class CustomersController {
  constructor(
    private readonly customers: CustomersService,
    private readonly importer: CustomerImportService,
    private readonly subscriptions: CustomerSubscriptions,
  ) {}

  @Post()
  @Requires('customers:write')
  @ApiOperation({ summary: 'Create a customer (emits customer/created)' })
  // An @ApiResponse makes Nest drop the return type's answer: declared again here.
  @ApiResponse({ status: 201, type: CustomerView })
  @ApiResponse({ status: 409, description: TAKEN })
  async create(@CurrentTenant() tenant: TenantRef, @Body() dto: CreateCustomerDto): Promise<CustomerView> {
    return toCustomerView(await this.customers.create(tenant, dto));
  }

  @Get()
  @Requires('customers:read')
  @ApiOperation({ summary: 'List live customers, or search them by name, WeChat nickname or mobile' })
  async search(@CurrentTenant() tenant: TenantRef, @Query() query: CustomerQueryDto): Promise<CustomerPage> {
    const page = await this.customers.search(tenant, query);
    return { ...page, items: page.items.map(toCustomerView) };
  }

  // Nest gives every media type of a body the same schema: both shapes, each said for which type it is.
  @ApiConsumes('application/json', 'text/csv', 'text/plain')
  @ApiBody({
    description:
      `application/json: an array of 1 to ${MAX_IMPORT_ROWS} customers; text/csv or text/plain: CSV with a header line. ` +
      'A row matches a live customer by mobile, else by email.',
    required: true,
    schema: {
      oneOf: [
        { type: 'array', items: { $ref: getSchemaPath(ImportCustomerRow) }, minItems: 1, maxItems: MAX_IMPORT_ROWS, description: 'application/json' },
        CSV,
      ],
    },
  })
  @Post('import')
  @Requires('customers:write')
  @HttpCode(200)
  @ApiOperation({ summary: 'Create or update many customers from JSON or CSV: bad rows are reported and skipped' })
  import(@CurrentTenant() tenant: TenantRef, @Req() req: Request): Promise<ImportReportView> {
    return this.importer.import(tenant, importRowsFromRequest(req));
  }

  @Get(':id')
  @Requires('customers:read')
  @ApiOperation({ summary: 'Get a customer' })
  async get(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number): Promise<CustomerView> {
    return toCustomerView(await this.customers.get(tenant, id));
  }

  @Patch(':id')
  @Requires('customers:write')
  @ApiOperation({ summary: 'Change a customer: null clears a field, attributes is a JSON merge patch (emits customer/updated)' })
  @ApiResponse({ status: 200, type: CustomerView })
  @ApiResponse({ status: 409, description: TAKEN })
  async update(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number, @Body() dto: UpdateCustomerDto): Promise<CustomerView> {
    return toCustomerView(await this.customers.update(tenant, id, dto));
  }

  @Delete(':id')
  @Requires('customers:write')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a customer: history keeps it, static groups drop it (emits customer/deleted)' })
  remove(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number): Promise<void> {
    return this.customers.remove(tenant, id);
  }

  @Post(':id/unsubscribe')
  @Requires('customers:write')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Opt a customer out of marketing messages: mass sends and journeys skip them (transactional webhooks still reach them)',
    description: 'Idempotent: an unsubscribed customer keeps the first time and way. A change emits customer/updated (changed: unsubscribedAt).',
  })
  async unsubscribe(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number): Promise<CustomerView> {
    return toCustomerView(await this.subscriptions.unsubscribe(tenant, id, viaOf(tenant)));
  }

  @Post(':id/resubscribe')
  @Requires('customers:write')
  @HttpCode(200)
  @ApiOperation({ summary: 'Opt a customer back in to marketing messages (idempotent; a change emits customer/updated)' })
  async resubscribe(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number): Promise<CustomerView> {
    return toCustomerView(await this.subscriptions.resubscribe(tenant, id));
  }

  @Post(':id/activity')
  @Requires('customers:write')
  @HttpCode(200)
  @ApiOperation({ summary: "Add to (or subtract from) a customer's activity score, atomically" })
  async addActivity(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number, @Body() dto: ActivityDeltaDto): Promise<CustomerView> {
    return toCustomerView(await this.customers.addActivity(tenant, id, dto.delta));
  }
}
