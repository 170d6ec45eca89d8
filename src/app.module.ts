import { DynamicModule, Module } from '@nestjs/common';
import { Env } from './config/env';
import { CoreModule } from './core.module';
import { CustomersModule } from './customers/customers.module';
import { GroupsModule } from './groups/groups.module';
import { HealthModule } from './health/health.module';
import { QueueBoardModule } from './admin/queue-board.module';
import { BroadcastsApiModule } from './broadcasts/broadcasts-api.module';
import { DeliveriesModule } from './deliveries/deliveries.module';
import { EventsModule } from './events/events.module';
import { InboundModule } from './inbound/inbound.module';
import { FormsModule } from './forms/forms.module';
import { JourneysModule } from './journeys/journeys.module';
import { LoyaltyModule } from './loyalty/loyalty.module';
import { MetricsController } from './metrics/metrics.controller';
import { AuthModule } from './auth/auth.module';
import { TenantsModule } from './tenants/tenants.module';
import { TimelineModule } from './timeline/timeline.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { OverviewModule } from './overview/overview.module';
import { QuietHoursApiModule } from './quiet-hours/quiet-hours-api.module';
import { FrequencyCapsModule } from './frequency-caps/frequency-caps.module';
import { AuditApiModule } from './audit/audit-api.module';

/** The api process: HTTP controllers over the shared core. */
@Module({})
export class AppModule {
  static forRoot(env: Env): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(env),
        TenantsModule,
        CustomersModule,
        GroupsModule,
        WebhooksModule,
        DeliveriesModule,
        BroadcastsApiModule,
        EventsModule,
        LoyaltyModule,
        JourneysModule,
        InboundModule,
        FormsModule,
        OverviewModule,
        FrequencyCapsModule,
        TimelineModule,
        HealthModule,
        AuthModule,
        QueueBoardModule,
        QuietHoursApiModule,
        AuditApiModule,
      ],
      controllers: [MetricsController],
    };
  }
}
