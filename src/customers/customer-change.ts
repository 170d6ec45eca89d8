/**
 * A change to one customer from an automation (a journey's update_customer node): fields set by
 * name or `attributes.<path>`, and an activity delta. Pure apart from class-validator: the same
 * rules as the API's customer fields apply to what is set.
 */
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { flattenValidationErrors } from '../common/validation';
import type { CustomerShape } from './customer-shape';
import { CustomerFieldsDto } from './dto/customer-fields.dto';

export interface CustomerChange {
  /** `name`, `wechatNickname`, `mobile`, `email` (null clears) or `attributes.<key>[.<key>…]` (null removes). */
  set?: Record<string, unknown>;
  activityDelta?: number;
}

export const TRACKED_FIELDS = ['name', 'wechatNickname', 'mobile', 'email', 'activityScore', 'attributes', 'unsubscribedAt'] as const;
const SCORE_LIMIT = 2_000_000_000;

export class CustomerChangeError extends Error {}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  const last = path[path.length - 1];
  if (value === null) delete node[last];
  else node[last] = value;
}

/** The customer after the change (a new object); throws CustomerChangeError naming the bad field. */
export function applyCustomerChange<T extends CustomerShape>(current: T, change: CustomerChange): T {
  const next = { ...current, attributes: structuredClone(current.attributes ?? {}) };
  const fields: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(change.set ?? {})) {
    if (field.startsWith('attributes.')) setPath(next.attributes, field.split('.').slice(1), value);
    else fields[field] = value;
  }
  if (Object.keys(fields).length) {
    const dto = plainToInstance(CustomerFieldsDto, fields);
    const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true });
    if (errors.length)
      throw new CustomerChangeError(
        flattenValidationErrors(errors)
          .map((p) => p.message)
          .join('; '),
      );
    for (const key of Object.keys(fields)) (next as unknown as Record<string, unknown>)[key] = (dto as Record<string, unknown>)[key] ?? null;
  }
  if (change.activityDelta) {
    next.activityScore = Math.min(SCORE_LIMIT, Math.max(-SCORE_LIMIT, current.activityScore + change.activityDelta));
  }
  return next;
}

/** The tracked fields whose values differ, and their values before. */
export function changedFields(before: CustomerShape, after: CustomerShape): { changed: string[]; previous: Record<string, unknown> } {
  const changed = TRACKED_FIELDS.filter((f) => JSON.stringify(before[f] ?? null) !== JSON.stringify(after[f] ?? null));
  return { changed, previous: Object.fromEntries(changed.map((f) => [f, before[f] ?? null])) };
}
