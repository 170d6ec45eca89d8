import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../../openapi/page.dto';
import type { HmacAlgorithm } from '../inbound-checks';
import type { InboundVerdict } from '../inbound-request.entity';
import type { InboundMethod, InboundMode } from '../inbound-trigger.entity';

/** Any JSON value, null included. */
const ANY_JSON = {
  anyOf: [
    { type: 'object', additionalProperties: true, nullable: true },
    { type: 'array', items: {} },
    { type: 'string' },
    { type: 'number' },
    { type: 'boolean' },
  ],
  description: 'Any JSON value.',
};

export class HmacCheckView {
  header!: string;
  algorithm!: HmacAlgorithm;
  /** Masked (`••••••cret`), or in clear once: in the answer that created or rotated it. */
  secret!: string | null;
}

export class StandardCheckView {
  /** Masked, or in clear once: in the answer that created or rotated it. */
  secret!: string | null;
}

export class TokenCheckView {
  header!: string;
  /** Masked, or in clear once: in the answer that created or rotated it. */
  value!: string | null;
}

/** How callers are checked; a check that is off is null. */
export class InboundChecksView {
  hmac!: HmacCheckView | null;
  standardWebhooks!: StandardCheckView | null;
  token!: TokenCheckView | null;
  /** CIDRs or single addresses; empty: any address. */
  ipAllowlist!: string[];
}

/** What a sync trigger answers its caller with. */
export class InboundResponseView {
  status!: number;
  headers!: Record<string, string>;

  @ApiProperty({
    anyOf: [
      { type: 'object', additionalProperties: true, nullable: true },
      { type: 'array', items: {} },
    ],
    description: "A JSON template (object or array) rendered with the run's context; null: the default body.",
  })
  body!: unknown;
}

/** Which customer a run is about: exactly one of mobile or email, a path into the request (`data.phone`). */
export class CustomerMatchView {
  mobile?: string;
  email?: string;
}

/** An inbound trigger: outside systems call its `url`; each accepted request starts its journey. */
export class InboundTriggerView {
  id!: number;
  name!: string;
  /** The URL's secret part. */
  key!: string;
  /** Where callers send their requests: `<PUBLIC_URL>/hooks/<key>`. */
  url!: string;
  enabled!: boolean;
  methods!: InboundMethod[];
  /** async: answer at once (202); sync: answer with the run's result, within syncTimeoutMs. */
  mode!: InboundMode;
  syncTimeoutMs!: number;
  /** The journey each accepted request starts. */
  journeyId!: number | null;
  response!: InboundResponseView | null;
  customerMatch!: CustomerMatchView | null;
  /** A header whose value identifies a delivery: duplicates start one run. */
  idHeader!: string | null;
  checks!: InboundChecksView;
  createdAt!: Date;
  updatedAt!: Date;
}

export class InboundTriggerPage extends PageOf(InboundTriggerView) {}

/** What was answered to a request. */
export class AnsweredResponseView {
  status!: number;
  headers!: Record<string, string>;

  @ApiProperty(ANY_JSON)
  body!: unknown;
}

/** One call to the trigger's URL, whatever became of it. */
export class InboundRequestView {
  /** A bigint, as a string. */
  id!: string;
  receivedAt!: Date;
  method!: string;
  clientIp!: string;
  /** As received, with credentials and signatures masked. */
  headers!: Record<string, string>;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The query string, parsed.' })
  query!: Record<string, unknown>;

  /** The body as received (text), capped. */
  body!: string;
  bodyTruncated!: boolean;
  /** The delivery id it carried (webhook-id, X-GitHub-Delivery or the trigger's idHeader). */
  deliveryKey!: string | null;
  verdict!: InboundVerdict;
  /** The status answered (0 while in progress). */
  status!: number;
  /** The run it started (a bigint, as a string). */
  runId!: string | null;
  error!: string | null;
  response!: AnsweredResponseView | null;
  durationMs!: number | null;
}

export class InboundRequestPage extends PageOf(InboundRequestView) {}
