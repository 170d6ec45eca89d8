import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString,
  Matches, Max, MaxLength, Min, MinLength, ValidateNested,
} from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { HMAC_ALGORITHMS, HmacAlgorithm } from '../inbound-checks';
import { INBOUND_METHODS, INBOUND_MODES, InboundMethod, InboundMode } from '../inbound-trigger.entity';

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;
const REQUEST_PATH = /^(data|query|headers|params)(\.[A-Za-z0-9_-]{1,64}){1,8}$/;

export class HmacCheckDto {
  /** Default X-Hub-Signature-256 (GitHub). */
  @IsOptional() @Matches(HEADER_NAME, { message: 'header must be a header name' })
  header?: string;

  @IsOptional() @IsIn(HMAC_ALGORITHMS)
  algorithm?: HmacAlgorithm;

  /** Generated when left out (and shown once). */
  @IsOptional() @IsString() @MinLength(16) @MaxLength(256)
  secret?: string;
}

export class StandardCheckDto {
  @IsOptional() @IsString() @Matches(/^whsec_[A-Za-z0-9+/=]{32,}$/, { message: 'secret must be whsec_ followed by at least 24 base64 bytes' })
  secret?: string;
}

export class TokenCheckDto {
  @IsOptional() @Matches(HEADER_NAME, { message: 'header must be a header name' })
  header?: string;

  @IsOptional() @IsString() @MinLength(16) @MaxLength(256)
  value?: string;
}

export class ChecksDto {
  @IsOptional() @ValidateNested() @Type(() => HmacCheckDto)
  hmac?: HmacCheckDto | null;

  @IsOptional() @ValidateNested() @Type(() => StandardCheckDto)
  standardWebhooks?: StandardCheckDto | null;

  @IsOptional() @ValidateNested() @Type(() => TokenCheckDto)
  token?: TokenCheckDto | null;

  /** CIDRs or single addresses, IPv4 and IPv6 (checked by parseCidr). */
  @IsOptional() @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @MaxLength(64, { each: true })
  ipAllowlist?: string[] | null;
}

export class InboundResponseDto {
  @IsOptional() @IsInt() @Min(200) @Max(599)
  status?: number;

  @IsOptional() @IsObject()
  headers?: Record<string, string>;

  /** A JSON template (object or array), rendered with the run's context. */
  @IsOptional()
  body?: unknown;
}

export class CustomerMatchDto {
  @IsOptional() @Matches(REQUEST_PATH, { message: 'mobile must be a path into the request such as data.phone' })
  mobile?: string;

  @IsOptional() @Matches(REQUEST_PATH, { message: 'email must be a path into the request such as data.user.email' })
  email?: string;
}

/** Every field; create requires name (checked by the service). */
export class InboundTriggerFieldsDto {
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200)
  name?: string;

  @IsOptional() @IsBoolean()
  enabled?: boolean;

  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayUnique() @IsIn(INBOUND_METHODS, { each: true })
  methods?: InboundMethod[];

  @IsOptional() @IsIn(INBOUND_MODES)
  mode?: InboundMode;

  @IsOptional() @IsInt() @Min(100) @Max(30_000)
  syncTimeoutMs?: number;

  @IsOptional() @IsInt() @Min(1) @Max(2_147_483_647)
  journeyId?: number | null;

  @IsOptional() @ValidateNested() @Type(() => InboundResponseDto)
  response?: InboundResponseDto | null;

  @IsOptional() @ValidateNested() @Type(() => CustomerMatchDto)
  customerMatch?: CustomerMatchDto | null;

  @IsOptional() @ValidateNested() @Type(() => ChecksDto)
  checks?: ChecksDto;

  @IsOptional() @Matches(HEADER_NAME, { message: 'idHeader must be a header name' })
  idHeader?: string | null;
}

export class CreateInboundTriggerDto extends InboundTriggerFieldsDto {}
export class UpdateInboundTriggerDto extends InboundTriggerFieldsDto {}

export class RotateTriggerSecretDto {
  @IsIn(['hmac', 'standardWebhooks', 'token'])
  check: 'hmac' | 'standardWebhooks' | 'token';

  /** Generated when left out. */
  @IsOptional() @IsString() @MinLength(16) @MaxLength(256)
  secret?: string;
}

export class InboundRequestQueryDto extends PageQuery {
  @IsOptional() @IsString() @MaxLength(24)
  verdict?: string;
}
