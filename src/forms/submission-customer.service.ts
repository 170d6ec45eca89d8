import { BadRequestException, ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import type { CustomerShape as Customer } from '../customers/customer-shape';
import { CustomersService } from '../customers/customers.service';
import type { UpdateCustomerDto } from '../customers/dto/update-customer.dto';
import type { TenantRef } from '../common/tenant-ref';
import type { CustomerInput } from './submission-values';

/**
 * The customer a submission fills, through the customers service (so customer/created and
 * customer/updated go to the outbox like any other change): the live customer with the mobile,
 * else with the email, is updated; without one a customer is created; a submission with neither
 * mobile nor email has no customer.
 *
 * A public form is anonymous: it never replaces a customer's mobile or email (anyone could type
 * someone else's mobile and move their messages elsewhere); it only fills them when empty. Name,
 * WeChat nickname and mapped attributes are updated (attributes merged).
 */
@Injectable()
export class SubmissionCustomers {
  private readonly logger = new Logger(SubmissionCustomers.name);

  constructor(private readonly customers: CustomersService) {}

  async upsert(tenant: TenantRef, input: CustomerInput): Promise<Customer | null> {
    if (!input.mobile && !input.email) return null;
    let found: Customer | null = null;
    // Twice at most: a concurrent submission may create the same customer (409), or delete the matched one (404), meanwhile.
    for (let attempt = 1; attempt <= 2; attempt++) {
      found = await this.customers.findByContact(tenant, input);
      try {
        return found ? await this.update(tenant, found, input) : await this.create(tenant, input);
      } catch (error) {
        const race = found ? error instanceof NotFoundException : error instanceof ConflictException;
        if (race && attempt === 1) continue;
        if (!(error instanceof BadRequestException || error instanceof ConflictException || error instanceof NotFoundException)) throw error;
        // Refused (e.g. the merged attributes grew past the customers' limit): the submission is still kept.
        this.logger.warn(`form submission left customer ${found?.id ?? '(new)'} unchanged: ${(error as Error).message}`);
        return found;
      }
    }
    return found;
  }

  private create(tenant: TenantRef, input: CustomerInput): Promise<Customer> {
    const { attributes, ...columns } = input;
    return this.customers.create(tenant, { ...columns, attributes });
  }

  private async update(tenant: TenantRef, current: Customer, input: CustomerInput): Promise<Customer> {
    const patch: UpdateCustomerDto = {};
    if (input.name !== undefined && input.name !== current.name) patch.name = input.name;
    if (input.wechatNickname !== undefined && input.wechatNickname !== current.wechatNickname) patch.wechatNickname = input.wechatNickname;
    if (input.mobile && !current.mobile) patch.mobile = input.mobile;
    if (input.email && !current.email) patch.email = input.email;
    if (Object.keys(input.attributes).length) patch.attributes = input.attributes;
    if (!Object.keys(patch).length) return current;
    try {
      return await this.customers.update(tenant, current.id, patch);
    } catch (error) {
      // The empty mobile or email it would fill belongs to another customer: keep this customer's, change the rest.
      if (!(error instanceof ConflictException) || (!patch.mobile && !patch.email)) throw error;
      const { mobile: _m, email: _e, ...rest } = patch;
      return Object.keys(rest).length ? this.customers.update(tenant, current.id, rest) : current;
    }
  }
}
