import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { FIXED_EVENTS } from '../../outbox/event-catalog';
import { SIGNATURE_SCHEMES, SignatureScheme } from '../../signing/sign';
import { HTTP_METHODS, HttpMethod, TRIGGER_TYPES, TriggerType } from '../webhook.entity';
import { Omittable } from '../../common/validation';
import { NULLABLE_SEGMENT_RULE_SCHEMA } from '../../groups/dto/segment-rule.dto';
import { ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';

/** A body template: JSON (an object or an array, string values may be Liquid) or JSON text; null for the default body. */
export const BODY_TEMPLATE_SCHEMA: ApiPropertyOptions = {
  anyOf: [{ type: 'object', additionalProperties: true, nullable: true }, { type: 'array', items: {} }, { type: 'string' }],
  description: 'JSON (an object or an array; string values may be Liquid templates) or JSON text; null removes it (the default body).',
};

export class BasicAuthDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  username: string;

  @IsString()
  @MaxLength(500)
  password: string;
}

/** Every field a webhook has; create requires name and url, update takes any subset. */
export class WebhookFieldsDto {
  @Omittable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name?: string;

  @Omittable()
  @IsString()
  @MaxLength(2048)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false, allow_underscores: true }, { message: 'url must be an http or https URL' })
  url?: string;

  @Omittable()
  @IsIn(HTTP_METHODS)
  method?: HttpMethod;

  /** Extra request headers; checked further by checkHeaders (webhook-rules.ts). */
  @Omittable()
  @IsObject()
  headers?: Record<string, string>;

  /** JSON (object/array) or JSON text; checked by compileTemplate. null removes it (default body). */
  @ApiPropertyOptional(BODY_TEMPLATE_SCHEMA)
  @IsOptional()
  bodyTemplate?: unknown;

  @IsOptional()
  @IsString()
  @MinLength(8)
  @MaxLength(256)
  secret?: string | null;

  @Omittable()
  @IsIn(SIGNATURE_SCHEMES)
  signatureScheme?: SignatureScheme;

  // IsObject: ValidateNested alone let `[]` through (stored as no basic auth).
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => BasicAuthDto)
  basicAuth?: BasicAuthDto | null;

  @Omittable()
  @IsIn(TRIGGER_TYPES)
  triggerType?: TriggerType;

  @Omittable()
  @IsArray()
  @ArrayMaxSize(FIXED_EVENTS.length)
  @ArrayUnique()
  @IsIn(FIXED_EVENTS, { each: true })
  events?: string[];

  @Omittable()
  @IsBoolean()
  enabled?: boolean;

  @Omittable()
  @IsInt()
  @Min(100)
  @Max(60_000)
  timeoutMs?: number;

  @Omittable()
  @IsInt()
  @Min(1)
  @Max(20)
  maxAttempts?: number;

  @Omittable()
  @IsInt()
  @Min(10)
  @Max(600_000)
  backoffBaseMs?: number;

  @Omittable()
  @IsInt()
  @Min(1)
  @Max(500)
  concurrency?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60_000)
  rateLimitPerMinute?: number | null;

  /** Consecutive failed attempts (network errors, timeouts, 408, 429, 5xx) that open the circuit; 0 turns the breaker off. */
  @Omittable()
  @IsInt()
  @Min(0)
  @Max(10_000)
  circuitBreakerThreshold?: number;

  @ApiPropertyOptional({
    ...NULLABLE_SEGMENT_RULE_SCHEMA,
    description:
      'When a 2xx answer is a success, over response.status, response.headers.<name> and response.body.<path> (e.g. {"field": "response.body.errcode", "op": "=", "value": 0}); a 2xx that fails it is failed with error class rejected. null: the status alone (the default).',
  })
  @IsOptional()
  successRule?: unknown;

  /** Whether an answer the success rule rejects is retried on the schedule (default false: it fails at once). */
  @Omittable()
  @IsBoolean()
  retryRejected?: boolean;

  /** Transactional (an order or coupon notice): exempt from quiet hours, frequency caps and opt-outs (default false: marketing). */
  @Omittable()
  @IsBoolean()
  transactional?: boolean;
}
