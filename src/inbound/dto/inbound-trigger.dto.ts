import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { HMAC_ALGORITHMS, HmacAlgorithm } from '../inbound-checks';
import { INBOUND_VERDICTS, InboundVerdict } from '../inbound-request.entity';
import { INBOUND_METHODS, INBOUND_MODES, InboundMethod, InboundMode } from '../inbound-trigger.entity';
import { Omittable } from '../../common/validation';

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;
const REQUEST_PATH = /^(data|query|headers|params)(\.[A-Za-z0-9_-]{1,64}){1,8}$/;

export class HmacCheckDto {
  /** Default X-Hub-Signature-256 (GitHub). */
  @Omittable()
  @Matches(HEADER_NAME, { message: 'header must be a header name' })
  header?: string;

  @Omittable()
  @IsIn(HMAC_ALGORITHMS)
  algorithm?: HmacAlgorithm;

  /** Generated when left out (and shown once). */
  @Omittable()
  @IsString()
  @MinLength(16)
  @MaxLength(256)
  secret?: string;
}

export class StandardCheckDto {
  @Omittable()
  @IsString()
  @Matches(/^whsec_[A-Za-z0-9+/=]{32,}$/, { message: 'secret must be whsec_ followed by at least 24 base64 bytes' })
  secret?: string;
}

export class TokenCheckDto {
  @Omittable()
  @Matches(HEADER_NAME, { message: 'header must be a header name' })
  header?: string;

  @Omittable()
  @IsString()
  @MinLength(16)
  @MaxLength(256)
  value?: string;
}

export class ChecksDto {
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => HmacCheckDto)
  hmac?: HmacCheckDto | null;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => StandardCheckDto)
  standardWebhooks?: StandardCheckDto | null;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => TokenCheckDto)
  token?: TokenCheckDto | null;

  /** CIDRs or single addresses, IPv4 and IPv6 (checked by parseCidr). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  ipAllowlist?: string[] | null;
}

export class InboundResponseDto {
  @Omittable()
  @IsInt()
  @Min(200)
  @Max(599)
  status?: number;

  @Omittable()
  @IsObject()
  headers?: Record<string, string>;

  @ApiPropertyOptional({
    anyOf: [
      { type: 'object', additionalProperties: true, nullable: true },
      { type: 'array', items: {} },
    ],
    description: "A JSON template (object or array), rendered with the run's context; null: the default body.",
  })
  @IsOptional()
  body?: unknown;
}

export class CustomerMatchDto {
  @Omittable()
  @Matches(REQUEST_PATH, { message: 'mobile must be a path into the request such as data.phone' })
  mobile?: string;

  @Omittable()
  @Matches(REQUEST_PATH, { message: 'email must be a path into the request such as data.user.email' })
  email?: string;
}

/** Every field; create requires name (checked by the service). */
export class InboundTriggerFieldsDto {
  @Omittable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @Omittable()
  @IsBoolean()
  enabled?: boolean;

  @Omittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(INBOUND_METHODS, { each: true })
  methods?: InboundMethod[];

  @Omittable()
  @IsIn(INBOUND_MODES)
  mode?: InboundMode;

  @Omittable()
  @IsInt()
  @Min(100)
  @Max(30_000)
  syncTimeoutMs?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  journeyId?: number | null;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => InboundResponseDto)
  response?: InboundResponseDto | null;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CustomerMatchDto)
  customerMatch?: CustomerMatchDto | null;

  @Omittable()
  @IsObject()
  @ValidateNested()
  @Type(() => ChecksDto)
  checks?: ChecksDto;

  @IsOptional()
  @Matches(HEADER_NAME, { message: 'idHeader must be a header name' })
  idHeader?: string | null;
}

export class CreateInboundTriggerDto extends InboundTriggerFieldsDto {
  @ApiProperty({ required: true, minLength: 1, maxLength: 200 })
  name!: string;
}
export class UpdateInboundTriggerDto extends InboundTriggerFieldsDto {}

export class RotateTriggerSecretDto {
  @IsIn(['hmac', 'standardWebhooks', 'token'])
  check: 'hmac' | 'standardWebhooks' | 'token';

  /** Generated when left out. */
  @Omittable()
  @IsString()
  @MinLength(16)
  @MaxLength(256)
  secret?: string;
}

export class InboundRequestQueryDto extends PageQuery {
  /** Only requests with this verdict. */
  @IsOptional()
  @IsIn(INBOUND_VERDICTS)
  verdict?: InboundVerdict;
}
