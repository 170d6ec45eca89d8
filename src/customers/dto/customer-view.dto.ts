import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../../openapi/page.dto';

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
}

export class CustomerPage extends PageOf(CustomerView) {}
