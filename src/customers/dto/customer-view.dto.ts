import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../../openapi/page.dto';
import { UNSUBSCRIBE_VIA, type UnsubscribeVia } from '../customer-shape';

/** A live customer as the API shows it. */
export class CustomerView {
  id!: number;
  tenantId!: number;
  name!: string | null;
  wechatNickname!: string | null;
  /** Stored without spaces, dashes, dots or parentheses (`+8613800138000`). */
  mobile!: string | null;
  /** Stored lower-cased. */
  email!: string | null;
  activityScore!: number;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Free-form JSON (at most 16 KiB, 16 levels deep).' })
  attributes!: Record<string, unknown>;
  createdAt!: Date;
  updatedAt!: Date;
  /** When the customer opted out of marketing messages (mass sends, journeys' marketing webhooks); null while subscribed. */
  unsubscribedAt!: Date | null;
  /** How the opt-out was made; null while subscribed. */
  @ApiProperty({ enum: UNSUBSCRIBE_VIA, nullable: true, type: String })
  unsubscribedVia!: UnsubscribeVia | null;
}

export class CustomerPage extends PageOf(CustomerView) {}
