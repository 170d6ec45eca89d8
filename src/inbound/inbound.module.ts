import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { nullIfNotFound } from '../common/not-found';
import { CustomersModule } from '../customers/customers.module';
import { JourneyReferences } from '../journeys/journey-references.service';
import { JourneysModule } from '../journeys/journeys.module';
import { RunSummaries } from '../journeys/run-summaries.service';
import { HooksController } from './hooks.controller';
import { InboundAcceptor } from './inbound-acceptor.service';
import { InboundHookService } from './inbound-hook.service';
import { InboundRequest } from './inbound-request.entity';
import { InboundTimeline } from './inbound-timeline.service';
import { InboundTrigger } from './inbound-trigger.entity';
import { InboundTriggersController } from './inbound-triggers.controller';
import { InboundTriggersService } from './inbound-triggers.service';

/** Api only: inbound webhook triggers (/api/inbound-triggers) and the public /hooks/:key. */
@Module({
  imports: [TypeOrmModule.forFeature([InboundTrigger, InboundRequest]), CustomersModule, JourneysModule],
  controllers: [InboundTriggersController, HooksController],
  providers: [InboundTriggersService, InboundHookService, InboundAcceptor, InboundTimeline],
  exports: [InboundTriggersService, InboundHookService, InboundTimeline],
})
export class InboundModule implements OnModuleInit {
  constructor(
    private readonly references: JourneyReferences,
    private readonly triggers: InboundTriggersService,
    private readonly runNames: RunSummaries,
  ) {}

  /** An inbound journey's trigger is checked here (journeys do not import inbound: inbound starts their runs). */
  onModuleInit(): void {
    this.references.registerTriggerTarget('inbound', (tenantId, id) =>
      this.triggers
        .find(tenantId, id)
        .then(() => true)
        .catch((e) => nullIfNotFound(e) ?? false),
    );
    this.runNames.registerTriggerNames('inbound', (tenantId, ids) => this.triggers.names(tenantId, ids));
  }
}
