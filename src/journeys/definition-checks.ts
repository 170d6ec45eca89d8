/**
 * What the checks of a journey definition share (the definition's own, and each node type's):
 * limits, id rules and the problem collector. Pure.
 */
import type { ErrorParams, FieldProblem } from '../common/api-error';
import type { FieldCode } from '../common/error-codes';

export const JOURNEY_LIMITS = {
  nodes: 200,
  /** A wait of at most a year. */
  waitSeconds: 366 * 86_400,
  /** The whole definition as JSON. */
  bytes: 256 * 1024,
  label: 200,
};
export const NODE_ID = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** Notes a problem at `path`; the message starts with the path (`nodes[3].next names no node ("x")`). */
export type AddProblem = (path: string, code: FieldCode, message: string, params?: ErrorParams) => void;

export function problemCollector(): { problems: FieldProblem[]; add: AddProblem } {
  const problems: FieldProblem[] = [];
  const add: AddProblem = (path, code, message, params) => void problems.push({ path, code, ...(params ? { params } : {}), message: `${path} ${message}` });
  return { problems, add };
}

export const ID_RANGE = { min: 1, max: 2_147_483_647 };

export { isPlainObject as isObject } from '../common/plain-object';
/** A required id left out is `required` (the console asks the marketer to pick one), a wrong one `is_int`. */
export const idCode = (v: unknown): FieldCode => (v === undefined || v === null ? 'required' : 'is_int');
export const isId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 1 && v <= 2_147_483_647;
