import { Injectable } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { FieldValidationException } from '../common/validation';
import { customerView } from '../customers/customer-template-view';
import { CustomersService } from '../customers/customers.service';
import { MANUAL_MESSAGE_EVENTS } from '../outbox/event-catalog';
import { CompiledTemplate, compileTemplate, TemplateError } from '../templates/render-template';
import { seesContactFields, type TenantRef } from '../common/tenant-ref';
import { maskContacts } from '../common/contact-mask';
import { WebhooksService, type WebhookWithSecrets } from '../webhooks/webhooks.service';
import { attemptRequest, shownRequest } from './attempt-request';
import { DeliveriesService, type NewDelivery } from './deliveries.service';
import { DeliveryRunner } from './delivery-runner.service';
import type { MessageRefs } from './delivery-view';
import { webhookDisabled } from './webhook-disabled';
import type { DeliveryDetail, PreviewView } from './dto/delivery-view.dto';
import type { DraftPreviewDto } from '../webhooks/dto/draft-preview.dto';
import type { PreviewDto } from '../webhooks/dto/preview.dto';
import { SAMPLE_CUSTOMER } from '../outbox/template-sample';
import { withTemplateLines } from '../templates/template-lines';

/** An unsaved template, compiled for this one render (the cache holds saved versions by id). */
const compiled = (webhook: { bodyTemplate: unknown }) => (webhook.bodyTemplate == null ? null : compileTemplate(webhook.bodyTemplate));

/** A test send's claim covers its one request and the recording after it. */
const TEST_SEND_CLAIM_SLACK_MS = 20_000;

/**
 * 测试发送: one message to one customer, sent synchronously from the api process. It is a single
 * attempt (a marketer wants the receiver's answer now, not a retry in 5 s), bypasses the webhook's
 * rate limit, and is kept in the send history with source `test`. A template that fails for the
 * customer answers with the failed delivery (`lastErrorClass: 'template'`), nothing sent.
 */
@Injectable()
export class TestSendService {
  constructor(
    private readonly webhooks: WebhooksService,
    private readonly customers: CustomersService,
    private readonly deliveries: DeliveriesService,
    private readonly runner: DeliveryRunner,
  ) {}

  async testSend(tenant: TenantRef, webhookId: number, customerId: number): Promise<DeliveryDetail> {
    const [webhook, row] = await Promise.all([this.webhooks.findWithSecrets(tenant.id, webhookId), this.customers.get(tenant, customerId)]);
    if (!webhook.enabled) throw webhookDisabled(webhook);
    const customer = customerView(row);
    // Stored already claimed by this call, and sent at once with the webhook loaded above: no job, no claim round trips.
    const [delivery] = await this.deliveries.create([{ webhook, source: 'test', event: MANUAL_MESSAGE_EVENTS.test, customer, maxAttempts: 1 }], {
      enqueue: false,
      claimedBy: { token: randomUUID(), claimMs: webhook.timeoutMs + TEST_SEND_CLAIM_SLACK_MS },
    });
    if (delivery.status === 'sending') await this.runner.runClaimed([delivery], { bypassThrottle: true, webhook });
    // The names the answer shows are the ones read above: no second look-up.
    const refs: MessageRefs = {
      webhooks: new Map([[webhook.id, webhook.name]]),
      customers: new Map([[row.id, { id: row.id, name: row.name, mobile: row.mobile }]]),
      origins: new Map(),
    };
    return this.deliveries.detail(tenant, delivery.id, refs);
  }

  /**
   * A journey test run's webhook node (测试运行): the same single, unthrottled attempt, rendered
   * with the run's template context and signed as the journey's real message would be. Answers
   * the message's id once its attempt is recorded.
   */
  async sendInRun(webhook: WebhookWithSecrets, customer: NewDelivery['customer'], context: Record<string, unknown>, runId: number): Promise<string> {
    const [delivery] = await this.deliveries.create(
      [{ webhook, source: 'test', event: MANUAL_MESSAGE_EVENTS.journey, sourceId: runId, customer, context, maxAttempts: 1 }],
      { enqueue: false, claimedBy: { token: randomUUID(), claimMs: webhook.timeoutMs + TEST_SEND_CLAIM_SLACK_MS } },
    );
    if (delivery.status === 'sending') await this.runner.runClaimed([delivery], { bypassThrottle: true, webhook });
    return delivery.id;
  }

  /**
   * What a send would look like (for the customer, or the sample customer), without sending or
   * storing anything: the saved webhook, with the editor's unsaved changes (`fields`) checked like
   * an update, so an editor can preview before saving.
   */
  async preview(tenant: TenantRef, webhookId: number, dto: PreviewDto): Promise<PreviewView> {
    const { customerId, ...fields } = dto;
    return withTemplateLines(typeof fields.bodyTemplate === 'string' ? fields.bodyTemplate : undefined, async () => {
      const webhook = await this.webhooks.draftChange(tenant, webhookId, fields);
      return this.render(webhook, await this.customerOrSample(tenant, customerId), compiled(webhook));
    });
  }

  /**
   * An unsaved webhook's request (the editor's live preview): checked like create, rendered and
   * signed like a real send, for the customer or the sample customer. Nothing is stored.
   */
  async previewDraft(tenant: TenantRef, dto: DraftPreviewDto): Promise<PreviewView> {
    const { customerId, ...fields } = dto;
    const text = typeof fields.bodyTemplate === 'string' ? fields.bodyTemplate : undefined;
    return withTemplateLines(text, async () => {
      const webhook = this.webhooks.draft(tenant, fields);
      return this.render(webhook, await this.customerOrSample(tenant, customerId), compiled(webhook));
    });
  }

  /** A caller who sees contact fields masked previews with them masked: a template's filters could otherwise slice them out. */
  private async customerOrSample(tenant: TenantRef, customerId: number | undefined) {
    if (!customerId) return SAMPLE_CUSTOMER;
    const view = customerView(await this.customers.get(tenant, customerId));
    return seesContactFields(tenant) ? view : maskContacts(view);
  }

  private render(webhook: WebhookWithSecrets, customer: Record<string, unknown> & { id: number }, template: CompiledTemplate | null | undefined): PreviewView {
    let draft;
    try {
      draft = this.deliveries.draft({ webhook, source: 'test', event: MANUAL_MESSAGE_EVENTS.test, customer, template });
    } catch (error) {
      // The template fails for this customer (a render limit, or this customer's data): 400 naming the leaf.
      if (error instanceof TemplateError) throw new FieldValidationException([error.toProblem()]);
      throw error;
    }
    // The first attempt's request, signed now, as a send would build it (the robots' sign masked).
    const sent = shownRequest(attemptRequest(draft, webhook, 1, new Date()), webhook.signatureScheme);
    return { method: webhook.method, url: sent.url, headers: sent.headers, body: JSON.parse(sent.body ?? draft.requestBody) };
  }
}
