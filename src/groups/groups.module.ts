import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CustomersModule } from '../customers/customers.module';
import { CustomerGroups } from './customer-groups.service';
import { GroupMember } from './group-member.entity';
import { GroupMembershipService } from './group-membership.service';
import { Group } from './group.entity';
import { GroupsController } from './groups.controller';
import { GroupsService } from './groups.service';

@Module({
  imports: [TypeOrmModule.forFeature([Group, GroupMember]), CustomersModule],
  controllers: [GroupsController],
  providers: [GroupsService, GroupMembershipService, CustomerGroups],
  exports: [GroupsService, GroupMembershipService, CustomerGroups],
})
export class GroupsModule {}
