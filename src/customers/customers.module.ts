import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CustomerImportService } from './customer-import.service';
import { CustomerLookup } from './customer-lookup.service';
import { Customer } from './customer.entity';
import { CustomersController } from './customers.controller';
import { CustomersService } from './customers.service';
import { CustomerSubscriptions } from './customer-subscription.service';
import { PublicUnsubscribeController } from './public-unsubscribe.controller';
import { UnsubscribeLinks } from './unsubscribe-links.service';

@Module({
  imports: [TypeOrmModule.forFeature([Customer])],
  controllers: [CustomersController, PublicUnsubscribeController],
  providers: [CustomersService, CustomerImportService, CustomerLookup, CustomerSubscriptions, UnsubscribeLinks],
  exports: [CustomersService, CustomerLookup],
})
export class CustomersModule {}
