import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Tenant } from '../tenants/tenant.entity';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { ConsoleSession } from './console-session.entity';
import { ConsoleUser } from './console-user.entity';
import { ConsoleUsersController } from './console-users.controller';
import { ConsoleUsersService } from './console-users.service';
import { LoginLimiter } from './login-limiter.service';
import { SessionsService } from './sessions.service';

/** Console sign-in: users, server-side sessions, the rate-limited login. The global guard uses SessionsService. */
@Module({
  imports: [TypeOrmModule.forFeature([ConsoleUser, ConsoleSession, Tenant])],
  controllers: [AuthController, ConsoleUsersController],
  providers: [AuthService, ConsoleUsersService, SessionsService, LoginLimiter],
  exports: [SessionsService, ConsoleUsersService],
})
export class AuthModule {}
