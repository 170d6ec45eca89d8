import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CustomersModule } from '../customers/customers.module';
import { DeliveriesModule } from '../deliveries/deliveries.module';
import { JourneyReferences } from '../journeys/journey-references.service';
import { RunSummaries } from '../journeys/run-summaries.service';
import { MessageSummaries } from '../deliveries/message-summaries.service';
import { JourneysModule } from '../journeys/journeys.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { FormIntake } from './form-intake.service';
import { FormRateLimiter } from './form-rate-limit.service';
import { FormSubmission } from './form-submission.entity';
import { FormSubmissionsService } from './form-submissions.service';
import { Form } from './form.entity';
import { FormsController } from './forms.controller';
import { FormsService } from './forms.service';
import { FormTimeline } from './form-timeline.service';
import { PublicFormsController } from './public-forms.controller';
import { SubmissionCustomers } from './submission-customer.service';
import { SubmissionWriter } from './submission-writer.service';

/** Forms (表单提交): the API to manage them, and the public micro-page that takes submissions (api process only). */
@Module({
  imports: [TypeOrmModule.forFeature([Form, FormSubmission]), CustomersModule, DeliveriesModule, WebhooksModule, JourneysModule],
  controllers: [FormsController, PublicFormsController],
  providers: [FormsService, FormSubmissionsService, FormIntake, FormRateLimiter, SubmissionCustomers, SubmissionWriter, FormTimeline],
  exports: [FormTimeline],
})
export class FormsModule implements OnModuleInit {
  constructor(
    private readonly references: JourneyReferences,
    private readonly forms: FormsService,
    private readonly runNames: RunSummaries,
    private readonly messageNames: MessageSummaries,
    private readonly submissions: FormSubmissionsService,
  ) {}

  /** A form_submitted journey's form is checked here (journeys do not import forms: forms start their runs). */
  onModuleInit(): void {
    this.references.registerTriggerTarget('form_submitted', (tenantId, id) => this.forms.exists(tenantId, id));
    this.runNames.registerTriggerNames('form_submitted', (tenantId, ids) => this.submissions.formNames(tenantId, ids));
    this.messageNames.registerOrigin('form', (tenantId, ids) => this.submissions.origins(tenantId, ids));
  }
}
