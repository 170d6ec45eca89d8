import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { ApiKey } from './api-key.entity';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';
import { AuthGuard } from './auth.guard';
import { Tenant } from './tenant.entity';
import { TenantsController } from './tenants.controller';
import { TenantsService } from './tenants.service';

@Module({
  imports: [TypeOrmModule.forFeature([Tenant, ApiKey]), AuthModule],
  controllers: [TenantsController, ApiKeysController],
  providers: [TenantsService, ApiKeysService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [TenantsService, ApiKeysService],
})
export class TenantsModule {}
