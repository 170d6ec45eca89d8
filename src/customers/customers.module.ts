import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CustomerImportService } from './customer-import.service';
import { CustomerLookup } from './customer-lookup.service';
import { Customer } from './customer.entity';
import { CustomersController } from './customers.controller';
import { CustomersService } from './customers.service';

@Module({
  imports: [TypeOrmModule.forFeature([Customer])],
  controllers: [CustomersController],
  providers: [CustomersService, CustomerImportService, CustomerLookup],
  exports: [CustomersService, CustomerLookup],
})
export class CustomersModule {}
