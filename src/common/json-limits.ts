/**
 * Limits on the shape of untrusted JSON, checked before anything recursive or quadratic sees it:
 * 5,000 nested arrays overflowed the stack in Nest's ValidationPipe.stripProtoKeys (a 500), and
 * class-transformer's plainToInstance dedupes keys with indexOf, O(n²): one object of 100,000
 * keys (a 1 MB body) held the api's event loop for 13 s. Pure and iterative.
 */

/** Request bodies may nest this many objects/arrays (the body itself is level 1). */
export const MAX_JSON_DEPTH = 32;
/** Keys one object of a request body may have. */
export const MAX_JSON_KEYS = 1_000;

export interface JsonLimits {
  maxDepth: number;
  maxKeys: number;
}

export interface JsonProblem {
  /** The top-level field holding the bad part (`body` when it is the body itself, or the body is an array). */
  field: string;
  problem: string;
}

const DEFAULTS: JsonLimits = { maxDepth: MAX_JSON_DEPTH, maxKeys: MAX_JSON_KEYS };

/** The first part of `value` past the limits, or null. Never recurses. */
export function findJsonProblem(value: unknown, limits: Partial<JsonLimits> = {}): JsonProblem | null {
  const { maxDepth, maxKeys } = { ...DEFAULTS, ...limits };
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? { field: 'body', problem: NOT_UNICODE } : null;
  if (value === null || typeof value !== 'object') return null;
  const stack: { node: object; depth: number; field: string }[] = [{ node: value, depth: 1, field: 'body' }];
  while (stack.length) {
    const { node, depth, field } = stack.pop()!;
    if (depth > maxDepth) return { field, problem: `nests deeper than ${maxDepth} levels of objects and arrays` };
    const isArray = Array.isArray(node);
    if (!isArray && Object.keys(node).length > maxKeys) return { field, problem: `has an object with more than ${maxKeys} keys` };
    const top = depth === 1 && !isArray;
    for (const [key, child] of Object.entries(node)) {
      const at = top ? key : field;
      if ((!isArray && LONE_SURROGATE.test(key)) || (typeof child === 'string' && LONE_SURROGATE.test(child))) {
        return { field: top && LONE_SURROGATE.test(key) ? 'body' : at, problem: NOT_UNICODE };
      }
      if (child !== null && typeof child === 'object') stack.push({ node: child, depth: depth + 1, field: at });
    }
  }
  return null;
}

/**
 * A UTF-16 surrogate without its pair (`"\ud800"` is valid JSON): not Unicode text. Validators
 * that call encodeURI threw on it (IsEmail: a 500), and MariaDB's JSON columns refuse it.
 */
const LONE_SURROGATE = /\p{Cs}/u;
const NOT_UNICODE = 'contains a lone UTF-16 surrogate (\\uD800–\\uDFFF without its pair): not valid Unicode text';

/** Where `value` nests deeper than `maxDepth`, or null. */
export function findTooDeep(value: unknown, maxDepth = MAX_JSON_DEPTH): JsonProblem | null {
  return findJsonProblem(value, { maxDepth, maxKeys: Infinity });
}
