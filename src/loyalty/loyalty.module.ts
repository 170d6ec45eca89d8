import { Module } from '@nestjs/common';
import { CustomersModule } from '../customers/customers.module';
import { GroupsModule } from '../groups/groups.module';
import { CouponsController } from './coupons.controller';
import { CouponsService } from './coupons.service';
import { CustomerLoyaltyService } from './customer-loyalty.service';
import { MembershipsController } from './memberships.controller';
import { MembershipsService } from './memberships.service';

/** The loyalty program (levels, memberships, coupons, codes); its changes write fixed events to the outbox. */
@Module({
  imports: [GroupsModule, CustomersModule],
  controllers: [MembershipsController, CouponsController],
  providers: [MembershipsService, CouponsService, CustomerLoyaltyService],
  exports: [MembershipsService, CouponsService, CustomerLoyaltyService],
})
export class LoyaltyModule {}
