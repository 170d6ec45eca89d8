import { IsInt, Max, Min } from 'class-validator';
import { Omittable } from '../../common/validation';
import { WebhookFieldsDto } from './webhook-fields.dto';

/**
 * A saved webhook's preview, with the editor's unsaved changes (any fields of an update, checked
 * like one; none: as saved), for a customer, or a sample customer when none is given. A
 * `bodyTemplate` given as JSON text gets the line of each of its problems (`params.line`).
 */
export class PreviewDto extends WebhookFieldsDto {
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  customerId?: number;
}
