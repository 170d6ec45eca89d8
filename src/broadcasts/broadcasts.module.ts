import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CustomersModule } from '../customers/customers.module';
import { DeliveriesModule } from '../deliveries/deliveries.module';
import { MessageSummaries } from '../deliveries/message-summaries.service';
import { GroupsModule } from '../groups/groups.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { Broadcast } from './broadcast.entity';
import { BroadcastsController } from './broadcasts.controller';
import { BroadcastsService } from './broadcasts.service';

@Module({
  imports: [TypeOrmModule.forFeature([Broadcast]), WebhooksModule, GroupsModule, DeliveriesModule, CustomersModule],
  controllers: [BroadcastsController],
  providers: [BroadcastsService],
  exports: [BroadcastsService, WebhooksModule, GroupsModule, DeliveriesModule],
})
export class BroadcastsModule implements OnModuleInit {
  constructor(
    private readonly summaries: MessageSummaries,
    private readonly broadcasts: BroadcastsService,
  ) {}

  /** Messages of a mass send are named by it (deliveries do not import broadcasts: sends make messages). */
  onModuleInit(): void {
    this.summaries.registerOrigin('broadcast', (tenantId, ids) => this.broadcasts.names(tenantId, ids));
  }
}
