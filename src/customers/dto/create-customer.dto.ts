import { CustomerFieldsDto } from './customer-fields.dto';

export class CreateCustomerDto extends CustomerFieldsDto {}
