import { findJsonProblem, findTooDeep, MAX_JSON_DEPTH, MAX_JSON_KEYS } from './json-limits';

const nest = (depth: number, leaf: unknown = 1): unknown => {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
};
const deep = `nests deeper than ${MAX_JSON_DEPTH} levels of objects and arrays`;
const keys = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]));

describe('findJsonProblem', () => {
  it('accepts scalars, flat and exactly-at-the-limit values', () => {
    expect(findJsonProblem('x')).toBeNull();
    expect(findJsonProblem(null)).toBeNull();
    expect(findJsonProblem({ a: 1, b: [1, 2], c: { d: 'e' } })).toBeNull();
    expect(findJsonProblem(nest(MAX_JSON_DEPTH))).toBeNull();
    expect(findJsonProblem({ a: nest(MAX_JSON_DEPTH - 1) })).toBeNull();
    expect(findJsonProblem({ a: keys(MAX_JSON_KEYS) })).toBeNull();
    expect(findJsonProblem(Array.from({ length: 20_000 }, (_, i) => ({ i })))).toBeNull();
  });

  it('names the top-level field holding the too-deep part', () => {
    expect(findJsonProblem({ ok: [1], attributes: { a: nest(MAX_JSON_DEPTH) } })).toEqual({ field: 'attributes', problem: deep });
    expect(findJsonProblem(nest(MAX_JSON_DEPTH + 1))).toEqual({ field: 'body', problem: deep });
    expect(findTooDeep({ a: nest(3) }, 3)).toEqual({ field: 'a', problem: 'nests deeper than 3 levels of objects and arrays' });
  });

  it('finds objects with too many keys, at any depth', () => {
    const many = `has an object with more than ${MAX_JSON_KEYS} keys`;
    expect(findJsonProblem(keys(MAX_JSON_KEYS + 1))).toEqual({ field: 'body', problem: many });
    expect(findJsonProblem({ bodyTemplate: { a: [keys(MAX_JSON_KEYS + 1)] } })).toEqual({ field: 'bodyTemplate', problem: many });
    expect(findTooDeep(keys(MAX_JSON_KEYS + 1))).toBeNull();
  });

  it('does not recurse: 100,000 levels are found without a stack overflow', () => {
    expect(findJsonProblem({ rule: nest(100_000) })).toEqual({ field: 'rule', problem: deep });
  });

  it('finds lone UTF-16 surrogates in strings and keys, naming the top-level field; pairs are text', () => {
    const lone = 'contains a lone UTF-16 surrogate (\\uD800–\\uDFFF without its pair): not valid Unicode text';
    expect(findJsonProblem({ email: '\ud800' })).toEqual({ field: 'email', problem: lone });
    expect(findJsonProblem({ tpl: { a: ['ok', 'x\udc00'] } })).toEqual({ field: 'tpl', problem: lone });
    expect(findJsonProblem({ tpl: { ['k\ud800']: 1 } })).toEqual({ field: 'tpl', problem: lone });
    expect(findJsonProblem({ ['\udfff']: 1 })).toEqual({ field: 'body', problem: lone });
    expect(findJsonProblem('\ud800')).toEqual({ field: 'body', problem: lone });
    expect(findJsonProblem({ ok: '😀 \ud83d\ude00 中文' })).toBeNull();
  });
});
