import { ApiProperty } from '@nestjs/swagger';
import type { CircuitState } from '../circuit-breaker';
import { PageOf } from '../../openapi/page.dto';
import type { SignatureScheme } from '../../signing/sign';
import type { HttpMethod, TriggerType } from '../webhook.entity';
import { NULLABLE_SEGMENT_RULE_SCHEMA } from '../../groups/dto/segment-rule.dto';
import type { Rule } from '../../groups/segment-rule';

/** An alias, so the swagger plugin does not add `nullable` beside the schema's oneOf (as GroupView's rule). */
type RuleOrNull = Rule | null;

export class BasicAuthView {
  username!: string;
  /** Always masked (`••••••`). */
  password!: string;
}

export class CircuitView {
  state!: CircuitState;
  openedAt!: Date | null;
  reason!: string | null;
  /** Consecutive failed attempts. */
  failures!: number;
}

export class LastDeliveryView {
  /** The message (delivery) id. */
  id!: string;
  status!: string;
  statusCode!: number | null;
  errorClass!: string | null;
  at!: Date;
}

/** A webhook as the API shows it: secrets and passwords masked, sensitive header values too. */
export class WebhookView {
  id!: number;
  name!: string;
  url!: string;
  method!: HttpMethod;
  /** Extra request headers; sensitive values masked. */
  headers!: Record<string, string>;
  @ApiProperty({
    anyOf: [
      { type: 'object', additionalProperties: true, nullable: true },
      { type: 'array', items: {} },
    ],
    description: 'The body template (JSON with Liquid in string values); null sends the default body.',
  })
  bodyTemplate!: unknown;
  signatureScheme!: SignatureScheme;
  /** The secret, masked but for its last four characters (`••••••cret`); null when none. */
  secret!: string | null;
  /** While the previous secret still signs (after a rotation with a grace period). */
  previousSecretExpiresAt!: Date | null;
  basicAuth!: BasicAuthView | null;
  triggerType!: TriggerType;
  /** Fixed events an event webhook sends on. */
  events!: string[];
  enabled!: boolean;
  disabledReason!: string | null;
  timeoutMs!: number;
  maxAttempts!: number;
  backoffBaseMs!: number;
  concurrency!: number;
  rateLimitPerMinute!: number | null;
  circuitBreakerThreshold!: number;
  @ApiProperty({ ...NULLABLE_SEGMENT_RULE_SCHEMA, description: 'When a 2xx answer is a success; null: the status alone.' })
  successRule!: RuleOrNull;
  /** Whether an answer the success rule rejects is retried. */
  retryRejected!: boolean;
  /** Transactional: exempt from quiet hours, frequency caps and opt-outs. */
  transactional!: boolean;
  circuit!: CircuitView;
  createdAt!: Date;
  updatedAt!: Date;
}

export class WebhookListItem extends WebhookView {
  /** The newest message to this webhook, if any. */
  lastDelivery!: LastDeliveryView | null;
}

export class WebhookPage extends PageOf(WebhookListItem) {}
