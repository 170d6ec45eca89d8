import { CustomerFieldsDto } from './customer-fields.dto';

/**
 * Partial update. `attributes` is a JSON merge patch (RFC 7396): given keys are set,
 * a key set to null is removed, others are kept.
 */
export class UpdateCustomerDto extends CustomerFieldsDto {}
