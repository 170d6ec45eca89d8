import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { IdParamPipe } from '../common/id-param.pipe';
import { PageQuery } from '../common/pagination';
import { CurrentTenant, Requires } from '../common/auth.decorators';
import type { TenantRef } from '../common/tenant-ref';
import { ConsoleUsersService } from './console-users.service';
import { ConsoleUserPage, ConsoleUserView } from './dto/console-user-view.dto';
import { CreateConsoleUserDto, UpdateConsoleUserDto } from './dto/create-console-user.dto';

/** People who may sign in to the console of this tenant (created with a key or by a signed-in user). */
@ApiTags('auth')
@ApiBearerAuth()
@Controller('api/console-users')
export class ConsoleUsersController {
  constructor(private readonly users: ConsoleUsersService) {}

  @Post()
  @Requires('users:write')
  @ApiOperation({ summary: 'Create a console user of this tenant (email, password, role): the first user is the owner' })
  @ApiResponse({ status: 201, type: ConsoleUserView })
  @ApiResponse({ status: 409, description: 'A console user with this email exists already, in any tenant (console_user_email_taken)' })
  create(@CurrentTenant() tenant: TenantRef, @Body() dto: CreateConsoleUserDto): Promise<ConsoleUserView> {
    return this.users.create(tenant, dto);
  }

  @Get()
  @Requires('users:read')
  @ApiOperation({ summary: 'List console users of this tenant' })
  list(@CurrentTenant() tenant: TenantRef, @Query() query: PageQuery): Promise<ConsoleUserPage> {
    return this.users.list(tenant, query);
  }

  @Patch(':id')
  @Requires('users:write')
  @ApiOperation({ summary: "Change a console user's role or name: a new role takes effect on their next request" })
  @ApiResponse({ status: 200, type: ConsoleUserView })
  @ApiResponse({ status: 409, description: 'The last owner cannot stop being one (last_owner)' })
  update(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number, @Body() dto: UpdateConsoleUserDto): Promise<ConsoleUserView> {
    return this.users.update(tenant, id, dto);
  }

  @Delete(':id')
  @Requires('users:write')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a console user: their sessions end at once; the last owner cannot be deleted (last_owner)' })
  @ApiResponse({ status: 204, description: 'No content' })
  @ApiResponse({ status: 409, description: 'The last owner cannot be deleted (last_owner)' })
  remove(@CurrentTenant() tenant: TenantRef, @Param('id', IdParamPipe) id: number): Promise<void> {
    return this.users.remove(tenant, id);
  }
}
