import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { notFound } from '../common/api-error';
import type { TenantRef } from '../common/tenant-ref';
import { customerEvent } from '../outbox/event-payloads';
import { NewEvent, recordEvents } from '../outbox/outbox';
import type { UnsubscribeVia } from './customer-shape';
import { customerView } from './customer-template-view';
import { Customer } from './customer.entity';

/**
 * Opting out of marketing messages and back in. Idempotent: unsubscribing someone who already is
 * keeps the first time and way; only a real change is written and is a customer/updated event
 * (`changed: ['unsubscribedAt']`). Mass sends and journeys read the flag with the customer.
 */
@Injectable()
export class CustomerSubscriptions {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  unsubscribe(tenant: TenantRef, id: number, via: UnsubscribeVia): Promise<Customer> {
    return this.set(tenant, id, { unsubscribedAt: new Date(), unsubscribedVia: via }, via !== 'link');
  }

  resubscribe(tenant: TenantRef, id: number): Promise<Customer> {
    return this.set(tenant, id, { unsubscribedAt: null, unsubscribedVia: null }, true);
  }

  /** `audited`: a change through the API or the console (a customer's own click on a link is not). */
  private set(tenant: TenantRef, id: number, to: Pick<Customer, 'unsubscribedAt' | 'unsubscribedVia'>, audited: boolean): Promise<Customer> {
    return this.db.transaction(async (m) => {
      const where = { id, tenantId: tenant.id, tombstone: 0 };
      const before = await m.findOne(Customer, { where, lock: { mode: 'pessimistic_write' } });
      if (!before) throw notFound('customer_not_found', `Customer ${id} not found`, { id });
      if (!before.unsubscribedAt === !to.unsubscribedAt) return before;
      await m.update(Customer, where, to);
      const after = (await m.findOne(Customer, { where }))!;
      const payload = customerEvent('customer/updated', tenant.id, customerView(after), new Date(), ['unsubscribedAt']);
      const event: NewEvent = {
        tenantId: tenant.id,
        payload: payload as NewEvent['payload'],
        customerId: id,
        origin: 'customers',
        previous: { unsubscribedAt: before.unsubscribedAt },
      };
      await recordEvents(m, [event]);
      if (audited) {
        const change = { before: { unsubscribedAt: before.unsubscribedAt, unsubscribedVia: before.unsubscribedVia }, after: to };
        await this.audit.record(m, {
          tenantId: tenant.id,
          resource: 'customer',
          resourceId: id,
          action: to.unsubscribedAt ? 'unsubscribed' : 'resubscribed',
          ...change,
        });
      }
      return after;
    });
  }
}

/** How an API call changed the flag: a signed-in console user, else an API key. */
export const viaOf = (tenant: TenantRef): UnsubscribeVia => (tenant.userId ? 'console' : 'api');
