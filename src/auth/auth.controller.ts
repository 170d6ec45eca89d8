import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentTenant, Public } from '../common/auth.decorators';
import type { TenantRef } from '../common/tenant-ref';
import { AuthService } from './auth.service';
import { MeView } from './dto/console-user-view.dto';
import { LoginDto } from './dto/login.dto';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in to the console: sets the session cookie (httpOnly, SameSite=Strict) and answers who signed in' })
  @ApiResponse({ status: 200, type: MeView })
  @ApiResponse({ status: 401, description: 'Wrong email or password, the same answer for an unknown email (login_failed)' })
  @ApiResponse({ status: 429, description: 'Too many attempts from this address or for this email (login_rate_limited): wait `Retry-After` seconds' })
  login(@Body() dto: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<MeView> {
    return this.auth.login(dto, req, res);
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: 204 whether or not signed in; ends the session in the cookie, if any, and clears the cookie' })
  // It takes no body, but a body sent anyway is parsed like any other (these statuses), before it runs.
  @ApiResponse({ status: 204 })
  @ApiResponse({ status: 400, description: 'A body that is not valid JSON (invalid_json)' })
  @ApiResponse({ status: 413, description: 'A body over the limit (payload_too_large)' })
  @ApiResponse({ status: 415, description: 'A body of a content type other than JSON (unsupported_media_type)' })
  logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    return this.auth.logout(req, res);
  }

  @ApiBearerAuth()
  @Get('me')
  @ApiOperation({ summary: 'Who is calling: the signed-in console user, or only the tenant of the API key' })
  me(@CurrentTenant() tenant: TenantRef): Promise<MeView> {
    return this.auth.me(tenant);
  }
}
