import { ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';
import { PageOf } from '../../openapi/page.dto';
import { CustomerSummaryView, NamedRefView } from '../../openapi/summary.dto';
import type { HttpMethod } from '../../webhooks/webhook.types';
import { SKIP_REASONS, type DeliverySource, type DeliveryStatus, type SkipReason } from '../delivery.entity';
import type { ErrorClass, Verdict } from '../retry-policy';

/** A rendered body: any JSON value (what was or would be sent), or the raw text when it is not JSON (empty when never rendered). */
const ANY_BODY: ApiPropertyOptions = {
  description: 'The body as JSON (any JSON value), or its raw text when it is not JSON ("" when it was never rendered).',
  anyOf: [
    { type: 'object', additionalProperties: true, nullable: true },
    { type: 'array', items: {} },
    { type: 'string' },
    { type: 'number' },
    { type: 'boolean' },
  ],
};

/** What made a message, named: the mass send, the journey run, the form submission, the fixed event, or a test send. */
export class MessageOriginView {
  source!: DeliverySource;
  /** The one of its source that made it (as `sourceId`); null for a test send. */
  id!: string | null;
  /** The mass send's name, the journey's name (for a run), the form's name (for a submission), the event type; null for a test send or one deleted since. */
  name!: string | null;
  /** The record above it: the journey of a run, the form of a submission; null otherwise. */
  parentId!: number | null;
}

/** A message (delivery) as the log lists it. */
export class DeliveryView {
  /** The message id (a UUIDv7: id order is creation order), also sent as X-Herald-Message-Id. */
  id!: string;
  webhookId!: number;
  source!: DeliverySource;
  /** The event it is about (`webhook/test`, `webhook/broadcast`, a fixed event such as `loyalty/membership_level_up`…). */
  event!: string;
  customerId!: number | null;
  /** Which one of its source made it (the mass send, the outbox event, the journey run, the form submission), as a string (a 64-bit id). */
  sourceId!: string | null;
  /** The mass send that made it (source `broadcast`): the same id as sourceId. */
  broadcastId!: number | null;
  /** The outbox event a fixed-event message delivers (source `event`), as a string (a 64-bit id). */
  eventId!: string | null;
  /** The journey run whose webhook step made it (source `journey`), as a string (a 64-bit id). */
  journeyRunId!: string | null;
  status!: DeliveryStatus;
  /** Attempts made so far. */
  attempts!: number;
  maxAttempts!: number;
  /** When the next attempt is due, while pending or deferred (quiet hours: when the window opens); null otherwise. */
  nextAttemptAt!: Date | null;
  /** The HTTP status of the last answer, if any. */
  lastStatusCode!: number | null;
  /** Why the last attempt got no answer (`template`: the body could not be rendered, nothing was sent). */
  lastErrorClass!: ErrorClass | null;
  lastError!: string | null;
  /** Why a `skipped` message was never sent (`unsubscribed`: the customer opted out; `frequency_cap`: over the tenant's cap). */
  @ApiProperty({ enum: SKIP_REASONS, nullable: true })
  skipReason!: SkipReason | null;
  deliveredAt!: Date | null;
  createdAt!: Date;
  updatedAt!: Date;
  /** The webhook it goes through, named. */
  webhook!: NamedRefView;
  /** Who it is about; null for a message without a customer. */
  customer!: CustomerSummaryView | null;
  /** What made it, named. */
  origin!: MessageOriginView;
}

export class DeliveryPage extends PageOf(DeliveryView) {}

/** The request as rendered once (the same for every attempt); credentials masked. */
export class DeliveryRequestView {
  method!: HttpMethod;
  url!: string;
  /** Headers every attempt carries; credentials masked (`••••••`). */
  headers!: Record<string, string>;
  @ApiProperty(ANY_BODY)
  body!: unknown;
}

export class AttemptRequestView {
  /** Every header this attempt sent: the message's, with its own (attempt number, signatures) on top. */
  headers!: Record<string, string>;
  /** The URL this attempt sent to: the message's, or its own (a DingTalk robot's `timestamp` and `sign` in the query, the sign masked). */
  url!: string;
  @ApiProperty({
    ...ANY_BODY,
    description:
      "This attempt's body when it was not the message's (a Feishu robot's: its timestamp and sign, masked, on top); null: the message's `request.body`.",
  })
  body!: unknown;
}

export class AttemptResponseView {
  /** The receiver's HTTP status. */
  status!: number;
  /** Response headers, names in lower case. */
  headers!: Record<string, string>;
  /** The response body as text, cut at the recording limit (see `truncated`). */
  body!: string | null;
  truncated!: boolean;
}

export class AttemptErrorView {
  class!: ErrorClass;
  message!: string | null;
}

/** One HTTP attempt: what was sent, what came back (or the error), and what was decided. */
export class AttemptView {
  /** 1 for the first attempt. */
  number!: number;
  startedAt!: Date;
  durationMs!: number;
  /** delivered (2xx), retry (408, 429, 5xx, network), failed (other answers, blocked), gone (410: the webhook is disabled). */
  verdict!: Verdict;
  request!: AttemptRequestView;
  /** The receiver's answer; null when none came (see `error`). */
  response!: AttemptResponseView | null;
  /** Why no answer came; null when one did. */
  error!: AttemptErrorView | null;
}

/** A message with its request and every attempt: the detail a marketer opens, and a test send's answer. */
export class DeliveryDetail extends DeliveryView {
  request!: DeliveryRequestView;
  /** The receiver's answer to the last attempt (as in `attemptLog`); null when no attempt got one. */
  response!: AttemptResponseView | null;
  /** Attempts, oldest first. */
  attemptLog!: AttemptView[];
}

/** What a send would be, rendered for one customer: nothing sent or stored. Signature headers are real; credentials masked. */
export class PreviewView {
  method!: HttpMethod;
  url!: string;
  headers!: Record<string, string>;
  @ApiProperty(ANY_BODY)
  body!: unknown;
}
