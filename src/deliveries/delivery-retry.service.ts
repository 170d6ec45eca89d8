import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { conflict } from '../common/api-error';
import type { TenantRef } from '../common/tenant-ref';
import { DeliveriesService } from './deliveries.service';
import { DeliveryQueue } from './delivery-queue.service';
import { Delivery } from './delivery.entity';
import type { DeliveryDetail } from './dto/delivery-view.dto';

/** Sends a failed or cancelled message again through the API (an audited change). */
@Injectable()
export class DeliveryRetry {
  constructor(
    private readonly db: DataSource,
    private readonly deliveries: DeliveriesService,
    private readonly queue: DeliveryQueue,
    private readonly audit: AuditService,
  ) {}

  /** Sends a failed or cancelled delivery again, with a fresh round of attempts. */
  async retry(tenant: TenantRef, id: string, webhookMaxAttempts: number): Promise<DeliveryDetail> {
    const d = await this.deliveries.find(tenant, id);
    if (d.status !== 'failed' && d.status !== 'cancelled') {
      throw conflict('delivery_not_retryable', `Delivery ${id} is ${d.status}: only failed or cancelled deliveries can be retried`, { id, status: d.status });
    }
    if (d.lastErrorClass === 'template') {
      throw conflict('delivery_never_rendered', `Delivery ${id} was never rendered (${d.lastError}): fix the template and send a new message`, {
        id,
        error: d.lastError,
      });
    }
    const nextAttemptAt = new Date();
    const changes = { status: 'pending' as const, nextAttemptAt, maxAttempts: d.attempts + webhookMaxAttempts, throttledUntil: null };
    const result = await this.audit.transaction(
      this.db.manager,
      (m) => m.update(Delivery, { id, tenantId: tenant.id, status: d.status }, changes),
      (r) => (r.affected ? { tenantId: tenant.id, resource: 'delivery', resourceId: id, action: 'retried', before: d, after: changes } : null),
    );
    if (!result.affected) throw conflict('delivery_changed', `Delivery ${id} changed meanwhile; try again`, { id });
    await this.queue.enqueue([{ ...d, nextAttemptAt }]);
    return this.deliveries.detail(tenant, id);
  }
}
