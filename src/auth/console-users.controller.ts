import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IdParamPipe } from '../common/id-param.pipe';
import { CurrentTenant } from '../tenants/auth.decorators';
import type { TenantRef } from '../tenants/tenant-ref';
import { ConsoleUsersService } from './console-users.service';
import { CreateConsoleUserDto } from './dto/create-console-user.dto';

/** People who may sign in to the console of this tenant (created with a key or by a signed-in user). */
@ApiTags('auth')
@ApiBearerAuth()
@Controller('api/console-users')
export class ConsoleUsersController {
  constructor(private readonly users: ConsoleUsersService) {}

  @Post()
  create(@CurrentTenant() tenant: TenantRef, @Body() dto: CreateConsoleUserDto) {
    return this.users.create(tenant, dto);
  }

  @Get()
  async list(@CurrentTenant() tenant: TenantRef) {
    return { items: await this.users.list(tenant) };
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number) {
    return this.users.remove(tenant, id);
  }
}
