import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { customerView } from '../customers/customer-template-view';
import { DeliveriesService, DeliveryRow } from '../deliveries/deliveries.service';
import { DeliveryQueue } from '../deliveries/delivery-queue.service';
import { MANUAL_MESSAGE_EVENTS } from '../outbox/event-catalog';
import { RunStarter } from '../journeys/run-starter.service';
import type { CustomerShape as Customer } from '../customers/customer-shape';
import { apiError } from '../common/api-error';
import { systemActor } from '../common/tenant-ref';
import { WebhookLookup } from '../webhooks/webhook-lookup.service';
import type { WebhookWithSecrets } from '../webhooks/webhooks.service';
import { FormSubmission } from './form-submission.entity';
import type { Form } from './form.entity';
import { SubmissionCustomers } from './submission-customer.service';
import { customerInput, SubmittedValue } from './submission-values';

export interface SubmissionClient {
  address: string | null;
  userAgent: string | null;
}

/**
 * What an accepted submission does. The customer first (through the customers service, its own
 * transaction), then one transaction for the submission row, one message per webhook of the form
 * and one run per active form_submitted journey of the form; after the commit the messages and
 * runs are enqueued. If the process dies before that, the delivery and journey sweepers find them
 * due in the database.
 */
@Injectable()
export class SubmissionWriter {
  private readonly logger = new Logger(SubmissionWriter.name);

  constructor(
    private readonly db: DataSource,
    private readonly customers: SubmissionCustomers,
    private readonly webhooks: WebhookLookup,
    private readonly deliveries: DeliveriesService,
    private readonly deliveryQueue: DeliveryQueue,
    private readonly starter: RunStarter,
  ) {}

  async accept(form: Form, data: Record<string, SubmittedValue>, client: SubmissionClient): Promise<void> {
    // No API key: the public page acts for the form's tenant.
    const tenant = systemActor(form.tenantId);
    // Before anything is written: a webhook that cannot be loaded refuses the post (503) whole.
    const webhooks = await this.usableWebhooks(form);
    const customer = await this.customers.upsert(tenant, customerInput(form.fields, data));
    const journeys = await this.starter.listening(form.tenantId, 'form_submitted', String(form.id));
    let messages: DeliveryRow[] = [];
    let freshRuns: number[] = [];
    await this.db.transaction(async (m) => {
      const createdAt = new Date();
      const inserted = await m.insert(FormSubmission, {
        tenantId: form.tenantId,
        formId: form.id,
        customerId: customer?.id ?? null,
        data,
        deliveryIds: [],
        runIds: [],
        clientAddress: client.address?.slice(0, 64) ?? null,
        userAgent: client.userAgent?.slice(0, 500) ?? null,
        createdAt,
      });
      const id = String(inserted.identifiers[0].id);
      const vars = { form: { id: form.id, name: form.name }, submission: { id, data, createdAt: createdAt.toISOString() } };
      messages = this.render(webhooks, customer, vars, createdAt, Number(id));
      if (messages.length) await this.deliveries.store(m, messages);
      const runs = await this.starter.insert(
        m,
        journeys.map((journey) => ({
          journey,
          customerId: customer?.id ?? null,
          occurrenceKey: `submission:${id}`,
          trigger: { formId: form.id, formName: form.name, submissionId: id, data },
          vars,
        })),
      );
      freshRuns = [...runs.values()].filter((r) => r.fresh).map((r) => r.id);
      await m.update(FormSubmission, { id }, { deliveryIds: messages.map((d) => d.id), runIds: [...runs.values()].map((r) => r.id) });
    });
    // The submission is accepted: a Redis hiccup now only delays its effects until a sweep.
    // Messages whose template failed for this submission are stored failed (lastErrorClass template) and not sent.
    await this.deliveryQueue
      .enqueue(messages.filter((d) => d.status === 'pending'))
      .catch((e) => this.logger.warn(`form messages left to the sweeper: ${(e as Error).message}`));
    await this.starter.enqueue(freshRuns).catch((e) => this.logger.warn(`form journey runs left to the sweeper: ${(e as Error).message}`));
  }

  /**
   * The form's webhooks as they are now (they were enabled manual webhooks when the form was
   * saved). Deleted ones and ones turned into event webhooks are skipped; a disabled one still gets
   * its message, which the engine cancels with the reason, so the submission shows why nothing went out.
   * One that could not be loaded (database error, a secret that does not open) is not "deleted": the
   * post is answered 503 with nothing kept, and the client posts again, rather than accepted without its message.
   */
  private async usableWebhooks(form: Form): Promise<WebhookWithSecrets[]> {
    const out: WebhookWithSecrets[] = [];
    for (const id of form.webhookIds) {
      const w = await this.webhooks.get(form.tenantId, id).catch((error) => {
        this.logger.error(`form ${form.id}: webhook ${id} could not be loaded (${(error as Error).message}); post refused`);
        throw apiError(503, 'unavailable', 'The form cannot take posts right now: try again shortly', { formId: form.id });
      });
      if (w && w.triggerType === 'manual') out.push(w);
      else this.logger.warn(`form ${form.id}: webhook ${id} is ${w ? 'not a manual webhook' : 'deleted'}; not called`);
    }
    return out;
  }

  /** One message per webhook; one whose template cannot render is skipped (and logged), the others still go. */
  private render(webhooks: WebhookWithSecrets[], customer: Customer | null, vars: Record<string, unknown>, now: Date, submissionId: number): DeliveryRow[] {
    const out: DeliveryRow[] = [];
    for (const webhook of webhooks) {
      try {
        out.push(
          ...this.deliveries.render(
            [
              {
                webhook,
                source: 'form',
                event: MANUAL_MESSAGE_EVENTS.form,
                context: vars,
                sourceId: submissionId,
                customer: customer ? { ...customerView(customer), id: customer.id } : undefined,
              },
            ],
            now,
          ),
        );
      } catch (error) {
        this.logger.warn(`form message to webhook ${webhook.id} could not be rendered: ${(error as Error).message}`);
      }
    }
    return out;
  }
}
