import { WebhookFieldsDto } from './webhook-fields.dto';

export class UpdateWebhookDto extends WebhookFieldsDto {}
