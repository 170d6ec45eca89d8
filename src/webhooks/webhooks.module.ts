import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Webhook } from './webhook.entity';
import { WebhooksController } from './webhooks.controller';
import { WebhookPresetsController } from './webhook-presets.controller';
import { WebhookActivity } from './webhook-activity';
import { WebhookLookup } from './webhook-lookup.service';
import { WebhooksService } from './webhooks.service';

@Module({
  imports: [TypeOrmModule.forFeature([Webhook])],
  controllers: [WebhooksController, WebhookPresetsController],
  providers: [WebhooksService, WebhookLookup, WebhookActivity],
  exports: [WebhooksService, WebhookLookup, WebhookActivity],
})
export class WebhooksModule {}
