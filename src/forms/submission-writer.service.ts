import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { customerView } from '../customers/customer-template-view';
import { DeliveriesService, DeliveryRow } from '../deliveries/deliveries.service';
import { DeliveryQueue } from '../deliveries/delivery-queue.service';
import { MANUAL_MESSAGE_EVENTS } from '../outbox/event-catalog';
import { RunStarter, StartableJourney } from '../journeys/run-starter.service';
import { GroupCommit, GroupFailure } from '../common/group-commit';
import { SingleFlight } from '../common/single-flight';
import { bulkInsert } from '../database/entity-sql';
import type { CustomerShape as Customer } from '../customers/customer-shape';
import { apiError } from '../common/api-error';
import { systemActor } from '../common/tenant-ref';
import { WebhookLookup } from '../webhooks/webhook-lookup.service';
import type { WebhookWithSecrets } from '../webhooks/webhooks.service';
import { FormSubmission } from './form-submission.entity';
import type { Form } from './form.entity';
import { SubmissionCustomers } from './submission-customer.service';
import { customerInput, SubmittedValue } from './submission-values';
import { setCaused } from './submission-caused';

export interface SubmissionClient {
  address: string | null;
  userAgent: string | null;
}

interface Accepted {
  form: Form;
  data: Record<string, SubmittedValue>;
  client: SubmissionClient;
  customer: Customer | null;
  webhooks: WebhookWithSecrets[];
  journeys: StartableJourney[];
}

/**
 * What an accepted submission does. The customer first (through the customers service, its own
 * transaction), then one transaction for the submission row, one message per webhook of the form
 * and one run per active form_submitted journey of the form; after the commit the messages and
 * runs are enqueued. If the process dies before that, the delivery and journey sweepers find them
 * due in the database. Submissions arriving together share that transaction and enqueue (a group
 * commit); each post is answered once its group has committed.
 */
@Injectable()
export class SubmissionWriter {
  private readonly logger = new Logger(SubmissionWriter.name);
  /** Submissions posted while a group is being written go together in the next (one transaction, one enqueue). */
  private readonly group = new GroupCommit<Accepted, void>((items) => this.write(items), 200, 2);
  /** A burst of posts to one form shares the journey lookup in flight. */
  private readonly journeyLookups = new SingleFlight<StartableJourney[]>();

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
    const journeys = await this.journeyLookups.run(String(form.id), () => this.starter.listening(form.tenantId, 'form_submitted', String(form.id)));
    await this.group.add({ form, data, client, customer, webhooks, journeys });
  }

  /** A group of submissions, one by one if the group fails (so one bad row fails only its own post). */
  private async write(items: Accepted[]): Promise<(void | GroupFailure)[]> {
    try {
      return await this.writeAll(items);
    } catch (error) {
      if (items.length === 1) throw error;
      this.logger.warn(`a group of ${items.length} form submissions failed (${(error as Error).message}); writing them one by one`);
      return Promise.all(
        items.map((i) =>
          this.writeAll([i]).then(
            () => undefined,
            (e) => new GroupFailure(e),
          ),
        ),
      );
    }
  }

  private async writeAll(items: Accepted[]): Promise<void[]> {
    let messages: DeliveryRow[] = [];
    let freshRuns: number[] = [];
    await this.db.transaction(async (m) => {
      const createdAt = new Date();
      const { insertId } = await bulkInsert(
        m,
        FormSubmission,
        items.map(({ form, customer, data, client }) => ({
          tenantId: form.tenantId,
          formId: form.id,
          customerId: customer?.id ?? null,
          data,
          deliveryIds: [],
          runIds: [],
          clientAddress: client.address?.slice(0, 64) ?? null,
          userAgent: client.userAgent?.slice(0, 500) ?? null,
          createdAt,
        })),
      );
      // A multi-row INSERT … VALUES takes consecutive ids (as the customer import relies on too).
      const ids = items.map((_, n) => String(insertId + n));
      const vars = items.map(({ form, data }, n) => ({
        form: { id: form.id, name: form.name },
        submission: { id: ids[n], data, createdAt: createdAt.toISOString() },
      }));
      const rendered = items.map((i, n) => this.render(i.webhooks, i.customer, vars[n], createdAt, Number(ids[n])));
      messages = rendered.flat();
      if (messages.length) await this.deliveries.store(m, messages);
      const runs = await this.starter.insert(
        m,
        items.flatMap(({ form, customer, data, journeys }, n) =>
          journeys.map((journey) => ({
            journey,
            customerId: customer?.id ?? null,
            occurrenceKey: `submission:${ids[n]}`,
            trigger: { formId: form.id, formName: form.name, submissionId: ids[n], data },
            vars: vars[n],
          })),
        ),
      );
      freshRuns = [...runs.values()].filter((r) => r.fresh).map((r) => r.id);
      const caused = items.map((i, n) => ({
        id: ids[n],
        deliveryIds: rendered[n].map((d) => d.id),
        runIds: i.journeys.flatMap((j) => runs.get(`${j.id}:submission:${ids[n]}`)?.id ?? []),
      }));
      await setCaused(m, caused);
    });
    // The submissions are accepted: a Redis hiccup now only delays their effects until a sweep.
    // Messages whose template failed for a submission are stored failed (lastErrorClass template) and not sent.
    await this.deliveryQueue
      .enqueue(messages.filter((d) => d.status === 'pending'))
      .catch((e) => this.logger.warn(`form messages left to the sweeper: ${(e as Error).message}`));
    await this.starter.enqueue(freshRuns).catch((e) => this.logger.warn(`form journey runs left to the sweeper: ${(e as Error).message}`));
    return items.map(() => undefined);
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
