/**
 * The `customer` namespace of templates, of default message bodies and of customer/* event
 * payloads: a customer's public fields with dates as ISO strings, plus DCE's FirstName/LastName.
 * Pure; owned by customers so every module renders a customer the same way.
 */
import type { CustomerShape } from './customer-shape';

/** What customerView reads: the one customer shape (its tenant is not shown). */
export type CustomerViewInput = Omit<CustomerShape, 'tenantId'>;

/** A type alias, not an interface: it stays assignable to the `Record<string, unknown>` render contexts take. */
export type CustomerTemplateView = {
  id: number;
  name: string | null;
  wechatNickname: string | null;
  mobile: string | null;
  email: string | null;
  activityScore: number;
  attributes: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
  /** When the customer opted out of marketing messages; null while subscribed. */
  unsubscribedAt: string | null;
  firstName: string | null;
  lastName: string | null;
  enabled: true;
};

/**
 * First and last name for DCE's FirstName/LastName: attributes win; else "Alice Chen" splits at the
 * last space, and a CJK name like "王小明" is surname "王" + given name "小明".
 */
export function splitName(name: string | null, attributes: Record<string, unknown>): [string | null, string | null] {
  const first = typeof attributes.firstName === 'string' ? attributes.firstName : undefined;
  const last = typeof attributes.lastName === 'string' ? attributes.lastName : undefined;
  if (first !== undefined || last !== undefined) return [first ?? null, last ?? null];
  const trimmed = name?.trim();
  if (!trimmed) return [null, null];
  const words = trimmed.split(/\s+/);
  if (words.length > 1) return [words.slice(0, -1).join(' '), words[words.length - 1]];
  const chars = Array.from(trimmed);
  if (chars.length > 1 && /\p{Script=Han}/u.test(chars[0])) return [chars.slice(1).join(''), chars[0]];
  return [trimmed, null];
}

/** The customer as templates see it; dates as ISO strings. */
export function customerView(c: CustomerViewInput): CustomerTemplateView {
  const [firstName, lastName] = splitName(c.name, c.attributes ?? {});
  return {
    id: c.id,
    name: c.name,
    wechatNickname: c.wechatNickname,
    mobile: c.mobile,
    email: c.email,
    activityScore: c.activityScore,
    attributes: c.attributes ?? {},
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    unsubscribedAt: c.unsubscribedAt ? c.unsubscribedAt.toISOString() : null,
    firstName,
    lastName,
    enabled: true,
  };
}
