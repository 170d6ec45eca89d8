import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdParamPipe } from '../common/id-param.pipe';
import { PageQuery } from '../common/pagination';
import { CurrentTenant, Requires } from '../common/auth.decorators';
import type { TenantRef } from '../common/tenant-ref';
import { FormPage, FormPreviewView, FormSubmissionPage, FormView } from './dto/form-view.dto';
import { CreateFormDto, FormPreviewDto, UpdateFormDto } from './dto/form.dto';
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
  @Requires('forms:write')
  @ApiOperation({ summary: 'Create a form and its micro-page link (/f/<key>)' })
  create(@CurrentTenant() tenant: TenantRef, @Body() dto: CreateFormDto): Promise<FormView> {
    return this.forms.create(tenant, dto);
  }

  @Post('preview')
  @Requires('forms:read')
  @HttpCode(200)
  @ApiOperation({
    summary: "Render an unsaved form's micro-page (the editor's live preview) as /f/<key> would; nothing is stored",
    description: 'Fields are checked like create (a 400 naming `fields[i].<part>`). The page posts nowhere (form-action none).',
  })
  preview(@Body() dto: FormPreviewDto): FormPreviewView {
    return this.forms.preview(dto);
  }

  @Get()
  @Requires('forms:read')
  @ApiOperation({ summary: 'List live forms, newest first, each with its submission count' })
  list(@CurrentTenant() tenant: TenantRef, @Query() query: PageQuery): Promise<FormPage> {
    return this.forms.list(tenant, query);
  }

  @Get(':id')
  @Requires('forms:read')
  @ApiOperation({ summary: 'Get a form (a deleted one too) with its submission count' })
  get(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number): Promise<FormView> {
    return this.forms.get(tenant, id);
  }

  @Patch(':id')
  @Requires('forms:write')
  @ApiOperation({ summary: 'Change a form; fields replace the fields whole (earlier submissions keep their data)' })
  update(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number, @Body() dto: UpdateFormDto): Promise<FormView> {
    return this.forms.update(tenant, id, dto);
  }

  @Delete(':id')
  @Requires('forms:write')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a form: its link answers 404; its detail and submissions stay readable' })
  remove(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number): Promise<void> {
    return this.forms.remove(tenant, id);
  }

  @Post(':id/rotate-key')
  @Requires('forms:write')
  @HttpCode(200)
  @ApiOperation({ summary: 'Give the form a new link key: the old link answers 404 at once' })
  rotateKey(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number): Promise<FormView> {
    return this.forms.rotateKey(tenant, id);
  }

  @Get(':id/submissions')
  @Requires('forms:read')
  @ApiOperation({ summary: "List a form's submissions, newest first, each with the messages and runs it caused" })
  submissionsOf(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number, @Query() query: PageQuery): Promise<FormSubmissionPage> {
    return this.submissions.list(tenant, id, query);
  }
}
