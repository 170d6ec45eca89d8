import { WebhookFieldsDto } from './webhook-fields.dto';

/** `name` and `url` are required on create (checked by WebhooksService, naming the field). */
export class CreateWebhookDto extends WebhookFieldsDto {}
