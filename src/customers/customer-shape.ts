/**
 * A customer as every module sees it: the row's public columns (the entity adds only the
 * soft-delete bookkeeping). Pure, so other modules use this type instead of the entity.
 */

// `any` values: free JSON, and TypeORM's partial-entity types reject `unknown` here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type CustomerAttributes = Record<string, any>;

export interface CustomerShape {
  id: number;
  tenantId: number;
  name: string | null;
  wechatNickname: string | null;
  mobile: string | null;
  email: string | null;
  activityScore: number;
  attributes: CustomerAttributes;
  createdAt: Date;
  updatedAt: Date;
  /** Opted out of marketing messages (mass sends, journeys' marketing webhooks) since; null while subscribed. */
  unsubscribedAt?: Date | null;
  unsubscribedVia?: UnsubscribeVia | null;
}

/** How a customer opted out: the one-click link in a message, the API, the console, a customer import. */
export const UNSUBSCRIBE_VIA = ['link', 'api', 'console', 'import'] as const;
export type UnsubscribeVia = (typeof UNSUBSCRIBE_VIA)[number];

/** What a list shows of a customer beside another record (a loyalty member's name and mobile). */
export type CustomerBrief = Pick<CustomerShape, 'id' | 'name' | 'mobile'>;
