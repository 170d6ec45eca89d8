import { Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ContactMaskInterceptor } from '../common/contact-mask.interceptor';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { ConsoleSession } from './console-session.entity';
import { ConsoleUser } from './console-user.entity';
import { ConsoleUsersController } from './console-users.controller';
import { ConsoleUsersService } from './console-users.service';
import { LoginLimiter } from './login-limiter.service';
import { SessionsService } from './sessions.service';
// Last: npm run api:generate orders enum values as the files are type-checked, and docs/openapi.json should not churn.
import { TenantsModule } from '../tenants/tenants.module';

/** Console sign-in (users, server-side sessions, the rate-limited login) and the global guard: an API key or a session on every route. */
@Module({
  imports: [TypeOrmModule.forFeature([ConsoleUser, ConsoleSession]), TenantsModule],
  controllers: [AuthController, ConsoleUsersController],
  providers: [
    AuthService,
    ConsoleUsersService,
    SessionsService,
    LoginLimiter,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_INTERCEPTOR, useClass: ContactMaskInterceptor },
  ],
  exports: [SessionsService, ConsoleUsersService],
})
export class AuthModule {}
