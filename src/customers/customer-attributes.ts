/** Limits on a customer's free-form attributes. Pure. */
import type { FieldProblem } from '../common/api-error';
import { findTooDeep } from '../common/json-limits';

/** Serialized attributes larger than this are refused: they ride along in every rendered message. */
export const MAX_ATTRIBUTES_BYTES = 16 * 1024;
/**
 * Attributes are embedded two or three levels down in other JSON columns (the customer/* outbox
 * payload: `customer.attributes`), and MariaDB refuses JSON nested deeper than 32 levels.
 */
export const MAX_ATTRIBUTES_DEPTH = 16;

/** Why these attributes cannot be stored (a problem at `attributes`), or undefined when they can. */
export function attributesProblem(attributes: unknown): FieldProblem | undefined {
  if (findTooDeep(attributes ?? {}, MAX_ATTRIBUTES_DEPTH)) {
    return {
      path: 'attributes',
      code: 'too_deep',
      params: { max: MAX_ATTRIBUTES_DEPTH },
      message: `attributes must not nest deeper than ${MAX_ATTRIBUTES_DEPTH} levels`,
    };
  }
  if (Buffer.byteLength(JSON.stringify(attributes ?? {})) > MAX_ATTRIBUTES_BYTES) {
    return {
      path: 'attributes',
      code: 'too_large',
      params: { max: MAX_ATTRIBUTES_BYTES },
      message: `attributes must serialize to at most ${MAX_ATTRIBUTES_BYTES} bytes of JSON`,
    };
  }
  return undefined;
}
