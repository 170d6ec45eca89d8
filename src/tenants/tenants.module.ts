import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiKey } from './api-key.entity';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';
import { CredentialEpochs } from './credential-epochs.service';
import { Tenant } from './tenant.entity';
import { TenantsController } from './tenants.controller';
import { TenantsService } from './tenants.service';

@Module({
  imports: [TypeOrmModule.forFeature([Tenant, ApiKey])],
  controllers: [TenantsController, ApiKeysController],
  providers: [TenantsService, ApiKeysService, CredentialEpochs],
  exports: [TenantsService, ApiKeysService, CredentialEpochs],
})
export class TenantsModule {}
