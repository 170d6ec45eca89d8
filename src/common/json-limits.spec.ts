import { findTooDeep, MAX_JSON_DEPTH } from './json-limits';

const nest = (depth: number, leaf: unknown = 1): unknown => {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
};

describe('findTooDeep', () => {
  it('accepts scalars, flat and exactly-at-the-limit values', () => {
    expect(findTooDeep('x')).toBeNull();
    expect(findTooDeep(null)).toBeNull();
    expect(findTooDeep({ a: 1, b: [1, 2], c: { d: 'e' } })).toBeNull();
    expect(findTooDeep(nest(MAX_JSON_DEPTH))).toBeNull();
    expect(findTooDeep({ a: nest(MAX_JSON_DEPTH - 1) })).toBeNull();
  });

  it('names the top-level field holding the too-deep part', () => {
    expect(findTooDeep({ ok: [1], attributes: { a: nest(MAX_JSON_DEPTH) } })).toEqual({ field: 'attributes', depth: MAX_JSON_DEPTH + 1 });
    expect(findTooDeep(nest(MAX_JSON_DEPTH + 1))).toEqual({ field: 'body', depth: MAX_JSON_DEPTH + 1 });
    expect(findTooDeep({ a: nest(3) }, 3)).toEqual({ field: 'a', depth: 4 });
  });

  it('does not recurse: 100,000 levels are found without a stack overflow', () => {
    expect(findTooDeep({ rule: nest(100_000) })).toEqual({ field: 'rule', depth: MAX_JSON_DEPTH + 1 });
  });
});
