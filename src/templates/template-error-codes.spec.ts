import { serializeBody } from './serialize-body';
import { FIELD_CODES } from '../common/error-codes';
import { compileTemplate, renderTemplate, TemplateError } from './render-template';

/** The TemplateError a call throws (fails the test when it throws nothing). */
function thrown(fn: () => unknown): TemplateError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(TemplateError);
    return error as TemplateError;
  }
  throw new Error('no TemplateError thrown');
}

describe('template errors carry a field code and params (the console words them)', () => {
  it.each([
    ['{', 'bodyTemplate', 'json_text', { error: expect.any(String) }],
    ['"text"', 'bodyTemplate', 'object_or_array', undefined],
    [{ a: '{{ nope.x }}' }, 'bodyTemplate.a', 'unknown_variable', { variable: 'nope.x', known: expect.arrayContaining(['customer', 'event']) }],
    [{ a: 'Hi {{ customer.nick }}' }, 'bodyTemplate.a', 'unknown_variable', { variable: 'customer.nick', known: expect.arrayContaining(['customer.name']) }],
    [{ a: '{{ customer.name.first }}' }, 'bodyTemplate.a', 'variable_has_no_fields', { variable: 'customer.name' }],
    [{ a: ['{{$$.Nickname$$}}'] }, 'bodyTemplate.a[0]', 'unknown_dce_variable', { name: 'Nickname', known: expect.arrayContaining(['Name']) }],
    [{ a: '{% if %}' }, 'bodyTemplate.a', 'template_syntax', { error: expect.any(String) }],
  ])('%j → %s: %s', (template, path, code, params) => {
    const error = thrown(() => compileTemplate(template));
    expect(error.toProblem()).toEqual({ path, code, ...(params ? { params } : {}), message: error.message });
    expect(error.message.startsWith(`${path}: `)).toBe(true);
  });

  it('too deep names the limit', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 40; i++) deep = { d: deep };
    expect(thrown(() => compileTemplate(deep)).toProblem()).toMatchObject({ code: 'too_deep', params: { max: 32 } });
  });

  it('a render limit names its kind and the limit', () => {
    const memory = compileTemplate({ a: '{% for i in (1..100000) %}{{ i }}{% endfor %}' });
    expect(thrown(() => renderTemplate(memory, {}, { timeMs: 10_000, memory: 1_000, outputChars: 1_000_000 }))).toMatchObject({
      path: 'bodyTemplate.a',
      code: 'render_memory',
      params: { max: 1_000 },
      limit: 'memory',
    });
    const output = compileTemplate({ a: '{{ "x" }}{{ "y" }}', b: '{{ "zz" }}' });
    expect(thrown(() => renderTemplate(output, {}, { timeMs: 10_000, memory: 1_000_000, outputChars: 3 }))).toMatchObject({
      path: 'bodyTemplate.b',
      code: 'render_output',
      params: { max: 3 },
      limit: 'output',
    });
  });

  it('a body over the byte limit says how large it is', () => {
    expect(thrown(() => serializeBody({ text: '王'.repeat(100) }, 100, 'bodyTemplate')).toProblem()).toMatchObject({
      path: 'bodyTemplate',
      code: 'body_too_large',
      params: { bytes: 311, max: 100 },
    });
  });

  it('every code it uses is in the catalog', () => {
    for (const code of [
      'json_text',
      'object_or_array',
      'unknown_variable',
      'variable_has_no_fields',
      'unknown_dce_variable',
      'template_syntax',
      'too_deep',
      'render_time',
      'render_memory',
      'render_output',
      'render_failed',
      'body_too_large',
    ]) {
      expect(FIELD_CODES).toHaveProperty(code);
    }
  });
});
