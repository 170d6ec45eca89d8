import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CustomersModule } from '../customers/customers.module';
import { JourneysModule } from '../journeys/journeys.module';
import { HooksController } from './hooks.controller';
import { InboundHookService } from './inbound-hook.service';
import { InboundRequest } from './inbound-request.entity';
import { InboundTrigger } from './inbound-trigger.entity';
import { InboundTriggersController } from './inbound-triggers.controller';
import { InboundTriggersService } from './inbound-triggers.service';

/** Api only: inbound webhook triggers (/api/inbound-triggers) and the public /hooks/:key. */
@Module({
  imports: [TypeOrmModule.forFeature([InboundTrigger, InboundRequest]), CustomersModule, JourneysModule],
  controllers: [InboundTriggersController, HooksController],
  providers: [InboundTriggersService, InboundHookService],
  exports: [InboundTriggersService, InboundHookService],
})
export class InboundModule {}
