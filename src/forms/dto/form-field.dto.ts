import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FIELD_NAME, FIELD_TYPES, FieldType, FORM_LIMITS, MAPPABLE_COLUMNS } from '../form-fields';

export class FormFieldOption {
  @ApiProperty({ minLength: 1, maxLength: FORM_LIMITS.optionValue, description: 'What the submission holds; unique in the field.' })
  value!: string;

  @ApiProperty({ minLength: 1, maxLength: FORM_LIMITS.optionLabel, description: 'What the page shows.' })
  label!: string;
}

const MAPS =
  `The customer field it fills: ${MAPPABLE_COLUMNS.join(', ')} (mobile from a tel field, email from an email field, ` +
  'name and wechatNickname from a text field) or attributes.<key>; each at most once per form.';

/** A field as a form is given it (checked whole: problems name `fields[2].options`). */
export class FormFieldInput {
  @ApiProperty({ pattern: FIELD_NAME.source, description: 'Unique in the form; templates read submission.data.<name>.' })
  name!: string;

  @ApiProperty({ minLength: 1, maxLength: FORM_LIMITS.label })
  label!: string;

  @ApiProperty({ enum: FIELD_TYPES, description: 'checkbox without options: one yes/no; with options: several values.' })
  type!: FieldType;

  @ApiPropertyOptional({ default: false })
  required?: boolean;

  @ApiPropertyOptional({
    type: [FormFieldOption],
    minItems: 1,
    maxItems: FORM_LIMITS.options,
    description: 'Required for select; for checkbox, several choices; not for other types.',
  })
  options?: FormFieldOption[];

  @ApiPropertyOptional({ description: MAPS, example: 'attributes.city' })
  maps?: string;

  @ApiPropertyOptional({ maxLength: FORM_LIMITS.placeholder, description: 'Not for checkbox fields.' })
  placeholder?: string;
}

/** A field as saved: `required` is always there. */
export class FormFieldView extends FormFieldInput {
  @ApiProperty({ required: true, default: undefined })
  required!: boolean;
}
