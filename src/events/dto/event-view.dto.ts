import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../../openapi/page.dto';
import type { EventOrigin } from '../../outbox/outbox.types';

/** A fixed event in the outbox, as the API shows it. */
export class EventView {
  /** The outbox id (a 64-bit integer, as a string). */
  id!: string;
  /** e.g. loyalty/membership_level_up, customer/created */
  type!: string;
  /** What recorded it: the loyalty module, the customers API, an import, a journey, or POST /api/events. */
  origin!: EventOrigin;
  /** The customer it is about, when known. */
  customerId!: number | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The exact payload: the default body of every message it makes.' })
  payload!: Record<string, unknown>;
  /** Offered to journeys only, never sent to webhooks (imports). */
  silent!: boolean;
  /** pending until the relay has made its messages. */
  status!: 'relayed' | 'pending';
  relayedAt!: Date | null;
  /** How many messages the relay made (subscribed, enabled webhooks at relay time). */
  deliveries!: number;
  createdAt!: Date;
}

export class EventPage extends PageOf(EventView) {}
