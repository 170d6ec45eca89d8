import { Injectable } from '@nestjs/common';

/** A webhook's newest message, as its list shows it. */
export interface LastDelivery {
  id: string;
  status: string;
  statusCode: number | null;
  errorClass: string | null;
  at: Date;
}

export type LastDeliveryReader = (tenantId: number, webhookIds: number[]) => Promise<Map<number, LastDelivery>>;

/**
 * How the webhook list learns each webhook's last outcome without reading the deliveries table:
 * the delivery engine (which depends on webhooks, not the other way round) provides the reader.
 */
@Injectable()
export class WebhookActivity {
  private reader: LastDeliveryReader = () => Promise.resolve(new Map());

  provide(reader: LastDeliveryReader): void {
    this.reader = reader;
  }

  lastDeliveries(tenantId: number, webhookIds: number[]): Promise<Map<number, LastDelivery>> {
    return webhookIds.length ? this.reader(tenantId, webhookIds) : Promise.resolve(new Map());
  }
}
