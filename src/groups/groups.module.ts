import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CustomersModule } from '../customers/customers.module';
import { GroupMember } from './group-member.entity';
import { GroupMembershipService } from './group-membership.service';
import { Group } from './group.entity';
import { GroupsController } from './groups.controller';
import { GroupsService } from './groups.service';

@Module({
  imports: [TypeOrmModule.forFeature([Group, GroupMember]), CustomersModule],
  controllers: [GroupsController],
  providers: [GroupsService, GroupMembershipService],
  exports: [GroupsService, GroupMembershipService],
})
export class GroupsModule {}
