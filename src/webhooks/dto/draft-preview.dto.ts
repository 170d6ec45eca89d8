import { IsInt, Max, Min } from 'class-validator';
import { Omittable } from '../../common/validation';
import { WebhookFieldsDto } from './webhook-fields.dto';

/**
 * An unsaved webhook (the editor's fields, checked like create; `url` required, `name` not) and
 * who to render it for: a customer, or a sample customer when none is given. A `bodyTemplate`
 * given as JSON text gets the line of each template problem (`params.line`).
 */
export class DraftPreviewDto extends WebhookFieldsDto {
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  customerId?: number;
}
