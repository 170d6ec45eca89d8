import { Injectable } from '@nestjs/common';
import type { TenantRef } from '../common/tenant-ref';
import { toCustomerView } from '../customers/customer-view';
import { CustomersService } from '../customers/customers.service';
import { CustomerGroups } from '../groups/customer-groups.service';
import { CustomerLoyaltyService } from '../loyalty/customer-loyalty.service';
import type { CustomerProfileView } from './dto/customer-profile.dto';

/** The customer page's header: the customer, the groups they are in now, their loyalty membership. */
@Injectable()
export class CustomerProfileService {
  constructor(
    private readonly customers: CustomersService,
    private readonly groups: CustomerGroups,
    private readonly loyalty: CustomerLoyaltyService,
  ) {}

  async get(tenant: TenantRef, id: number): Promise<CustomerProfileView> {
    const customer = await this.customers.get(tenant, id);
    const [groups, loyalty] = await Promise.all([this.groups.of(tenant.id, id), this.loyalty.of(tenant.id, id)]);
    return { customer: toCustomerView(customer), groups, loyalty };
  }
}
