/**
 * Limits on the shape of untrusted JSON, checked before anything recursive sees it (Nest's
 * ValidationPipe, class-transformer and our own validators all recurse: 5,000 nested arrays
 * overflowed the stack in ValidationPipe.stripProtoKeys and answered 500). Pure and iterative.
 */

/** Request bodies may nest this many objects/arrays (the body itself is level 1). */
export const MAX_JSON_DEPTH = 32;

export interface TooDeep {
  /** The top-level field holding the too-deep part (`body` when the body itself is an array). */
  field: string;
  depth: number;
}

/** The first place where `value` nests deeper than `maxDepth` containers, or null. Never recurses. */
export function findTooDeep(value: unknown, maxDepth = MAX_JSON_DEPTH): TooDeep | null {
  if (value === null || typeof value !== 'object') return null;
  const stack: { node: object; depth: number; field: string }[] = [{ node: value, depth: 1, field: 'body' }];
  while (stack.length) {
    const { node, depth, field } = stack.pop()!;
    if (depth > maxDepth) return { field, depth };
    const top = depth === 1 && !Array.isArray(node);
    for (const [key, child] of Object.entries(node)) {
      if (child !== null && typeof child === 'object') stack.push({ node: child, depth: depth + 1, field: top ? key : field });
    }
  }
  return null;
}
