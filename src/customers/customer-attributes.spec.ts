import { attributesProblem, MAX_ATTRIBUTES_BYTES, MAX_ATTRIBUTES_DEPTH } from './customer-attributes';

const nest = (depth: number): unknown => {
  let v: unknown = 'x';
  for (let i = 1; i < depth; i++) v = [v];
  return { a: v };
};

describe('attributesProblem', () => {
  it('accepts ordinary attributes up to the limits', () => {
    expect(attributesProblem(undefined)).toBeUndefined();
    expect(attributesProblem({ city: 'Shanghai', tags: ['vip'], profile: { age: 30 } })).toBeUndefined();
    expect(attributesProblem(nest(MAX_ATTRIBUTES_DEPTH))).toBeUndefined();
    expect(attributesProblem({ s: 'x'.repeat(MAX_ATTRIBUTES_BYTES - 10) })).toBeUndefined();
  });

  it('refuses too deep or too large attributes', () => {
    expect(attributesProblem(nest(MAX_ATTRIBUTES_DEPTH + 1))).toEqual({
      path: 'attributes',
      code: 'too_deep',
      params: { max: MAX_ATTRIBUTES_DEPTH },
      message: `attributes must not nest deeper than ${MAX_ATTRIBUTES_DEPTH} levels`,
    });
    expect(attributesProblem({ s: '中'.repeat(MAX_ATTRIBUTES_BYTES / 3) })).toMatchObject({
      path: 'attributes',
      code: 'too_large',
      params: { max: 16384 },
      message: expect.stringMatching(/at most 16384 bytes/),
    });
  });
});
