import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsInt, IsNotEmpty, IsOptional, IsString, IsUrl, Max, MaxLength, Min } from 'class-validator';
import { Omittable } from '../../common/validation';
import { FORM_LIMITS } from '../form-fields';
import { FormFieldInput } from './form-field.dto';

/** The most webhooks one form calls on each submission. */
export const MAX_FORM_WEBHOOKS = 10;

/**
 * Every property of a form; create requires name and fields (checked by the service, naming the
 * field), update takes any subset. `fields` is checked whole by validateFields, which names the
 * bad part (`fields[2].options`). null clears title, description, thankYouText and redirectUrl.
 */
export class FormPropertiesDto {
  @Omittable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  title?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @ApiPropertyOptional({ type: [FormFieldInput], minItems: 1, maxItems: FORM_LIMITS.fields, description: 'Replaces the fields whole.' })
  @Omittable()
  @IsArray()
  fields?: unknown[];

  @Omittable()
  @IsArray()
  @ArrayMaxSize(MAX_FORM_WEBHOOKS)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(2_147_483_647, { each: true })
  webhookIds?: number[];

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  thankYouText?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(2048)
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false, allow_underscores: true },
    { message: 'redirectUrl must be an http or https URL' },
  )
  redirectUrl?: string | null;

  @Omittable()
  @IsBoolean()
  enabled?: boolean;
}

export class CreateFormDto extends FormPropertiesDto {
  // `required: true` spelled out: the parent's optional properties would otherwise stay optional.
  @ApiProperty({ required: true, minLength: 1, maxLength: 200 })
  name!: string;

  @ApiProperty({ required: true, type: [FormFieldInput], minItems: 1, maxItems: FORM_LIMITS.fields })
  fields!: unknown[];
}

export class UpdateFormDto extends FormPropertiesDto {}

/** An unsaved form's page (the editor's live preview): its texts and fields, checked like create. */
export class FormPreviewDto {
  @Omittable()
  @IsString()
  @MaxLength(200)
  name?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  title?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @ApiProperty({ required: true, type: [FormFieldInput], minItems: 1, maxItems: FORM_LIMITS.fields })
  @IsArray()
  fields!: unknown[];
}
