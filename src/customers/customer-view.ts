import type { CustomerShape } from './customer-shape';
import type { CustomerView } from './dto/customer-view.dto';

/** What the API shows of a customer: its public columns, never the soft-delete bookkeeping (deletedAt, tombstone). */
export function toCustomerView(c: CustomerShape): CustomerView {
  return {
    id: c.id,
    tenantId: c.tenantId,
    name: c.name,
    wechatNickname: c.wechatNickname,
    mobile: c.mobile,
    email: c.email,
    activityScore: c.activityScore,
    attributes: c.attributes ?? {},
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    unsubscribedAt: c.unsubscribedAt ?? null,
    unsubscribedVia: c.unsubscribedVia ?? null,
  };
}

export type { CustomerView };
