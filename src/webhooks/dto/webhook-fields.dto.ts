import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, IsUrl, Max,
  MaxLength, Min, MinLength, ValidateNested,
} from 'class-validator';
import { FIXED_EVENTS } from '../../events/event-catalog';
import { SIGNATURE_SCHEMES, SignatureScheme } from '../../signing/sign';
import { HTTP_METHODS, HttpMethod, TRIGGER_TYPES, TriggerType } from '../webhook.entity';

export class BasicAuthDto {
  @IsString() @IsNotEmpty() @MaxLength(200)
  username: string;

  @IsString() @MaxLength(500)
  password: string;
}

/** Every field a webhook has; create requires name and url, update takes any subset. */
export class WebhookFieldsDto {
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100)
  name?: string;

  @IsOptional() @IsString() @MaxLength(2048)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false, allow_underscores: true },
    { message: 'url must be an http or https URL' })
  url?: string;

  @IsOptional() @IsIn(HTTP_METHODS)
  method?: HttpMethod;

  /** Extra request headers; checked further by checkHeaders (webhook-rules.ts). */
  @IsOptional() @IsObject()
  headers?: Record<string, string>;

  /** JSON (object/array) or JSON text; checked by compileTemplate. null removes it (default body). */
  @IsOptional()
  bodyTemplate?: unknown;

  @IsOptional() @IsString() @MinLength(8) @MaxLength(256)
  secret?: string | null;

  @IsOptional() @IsIn(SIGNATURE_SCHEMES)
  signatureScheme?: SignatureScheme;

  @IsOptional() @ValidateNested() @Type(() => BasicAuthDto)
  basicAuth?: BasicAuthDto | null;

  @IsOptional() @IsIn(TRIGGER_TYPES)
  triggerType?: TriggerType;

  @IsOptional() @IsArray() @ArrayMaxSize(FIXED_EVENTS.length) @ArrayUnique() @IsIn(FIXED_EVENTS, { each: true })
  events?: string[];

  @IsOptional() @IsBoolean()
  enabled?: boolean;

  @IsOptional() @IsInt() @Min(100) @Max(60_000)
  timeoutMs?: number;

  @IsOptional() @IsInt() @Min(1) @Max(20)
  maxAttempts?: number;

  @IsOptional() @IsInt() @Min(10) @Max(600_000)
  backoffBaseMs?: number;

  @IsOptional() @IsInt() @Min(1) @Max(500)
  concurrency?: number;

  @IsOptional() @IsInt() @Min(1) @Max(60_000)
  rateLimitPerMinute?: number | null;

  /** Consecutive failed attempts (network errors, timeouts, 408, 429, 5xx) that open the circuit; 0 turns the breaker off. */
  @IsOptional() @IsInt() @Min(0) @Max(10_000)
  circuitBreakerThreshold?: number;
}
