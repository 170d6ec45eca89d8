import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IdParamPipe } from '../common/id-param.pipe';
import { PageQuery } from '../common/pagination';
import { CurrentTenant } from '../tenants/auth.decorators';
import type { TenantRef } from '../tenants/tenant-ref';
import { CreateFormDto, UpdateFormDto } from './dto/form.dto';
import { FormSubmissionsService } from './form-submissions.service';
import { FormsService } from './forms.service';

@ApiTags('forms')
@ApiBearerAuth()
@Controller('api/forms')
export class FormsController {
  constructor(
    private readonly forms: FormsService,
    private readonly submissions: FormSubmissionsService,
  ) {}

  @Post()
  create(@CurrentTenant() tenant: TenantRef, @Body() dto: CreateFormDto) {
    return this.forms.create(tenant, dto);
  }

  @Get()
  list(@CurrentTenant() tenant: TenantRef, @Query() query: PageQuery) {
    return this.forms.list(tenant, query);
  }

  @Get(':id')
  get(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number) {
    return this.forms.get(tenant, id);
  }

  @Patch(':id')
  update(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number, @Body() dto: UpdateFormDto) {
    return this.forms.update(tenant, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number) {
    return this.forms.remove(tenant, id);
  }

  @Post(':id/rotate-key')
  @HttpCode(200)
  rotateKey(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number) {
    return this.forms.rotateKey(tenant, id);
  }

  @Get(':id/submissions')
  submissionsOf(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number, @Query() query: PageQuery) {
    return this.submissions.list(tenant, id, query);
  }
}
