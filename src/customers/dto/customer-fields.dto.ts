import { Transform } from 'class-transformer';
import { IsEmail, IsInt, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { MOBILE_PATTERN, normalizeEmail, normalizeMobile } from '../customer-contact';
import { Omittable } from '../../common/validation';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Fields shared by create, update and import rows. `null` clears a field on update. */
export class CustomerFieldsDto {
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(200)
  name?: string | null;

  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(200)
  wechatNickname?: string | null;

  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? normalizeMobile(value) : value))
  @IsString()
  @Matches(MOBILE_PATTERN, { message: 'mobile must be 5 to 20 digits, optionally starting with +' })
  mobile?: string | null;

  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? normalizeEmail(value) : value))
  @IsString()
  @MaxLength(254)
  @IsEmail({}, { message: 'email must be an email address' })
  email?: string | null;

  // No digit separators in a negative bound: the @nestjs/swagger CLI plugin drops the property then.
  @Omittable()
  @IsInt()
  @Min(-1000000000)
  @Max(1000000000)
  activityScore?: number;

  @ValidateIf((_, v) => v !== undefined)
  @IsObject({ message: 'attributes must be a JSON object' })
  attributes?: Record<string, unknown>;
}
