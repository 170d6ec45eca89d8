import { compileTemplate, renderTemplate, TemplateError } from './render-template';

const customer = {
  id: 42, name: 'A "quoted" \\ name', wechatNickname: '小明', mobile: '13800138000', email: null, activityScore: 620,
  attributes: { city: 'Shanghai', tags: ['vip'] }, createdAt: '2026-01-02T03:04:05.000Z', updatedAt: '2026-01-02T03:04:05.000Z',
  firstName: 'Ming', lastName: 'Wang', enabled: true,
};
const render = (template: unknown, ctx: Record<string, unknown> = { customer }) => renderTemplate(compileTemplate(template), ctx);

describe('templates', () => {
  it('renders the DCE 5.0 default user body', () => {
    const body = render({
      id: '{{$$.ID$$}}', email: '{{$$.Email$$}}', username: '{{$$.Name$$}}', last_name: '{{$$.LastName$$}}',
      first_name: '{{$$.FirstName$$}}', created_at: '{{$$.CreatedAt$$}}', enabled: '{{$$.Enabled$$}}',
    });
    expect(body).toEqual({
      id: 42, email: null, username: 'A "quoted" \\ name', last_name: 'Wang', first_name: 'Ming',
      created_at: '2026-01-02T03:04:05.000Z', enabled: true,
    });
  });

  it('renders the DCE 5.0 WeCom robot body', () => {
    const body = render({ msgtype: 'text', text: { content: '{{$$.Name$$}} hello world' } });
    expect(body).toEqual({ msgtype: 'text', text: { content: 'A "quoted" \\ name hello world' } });
    expect(JSON.parse(JSON.stringify(body))).toEqual(body);
  });

  it('keeps the type of a leaf that is exactly one variable, stringifies mixed leaves', () => {
    expect(render({ s: '{{ customer.activityScore }}', o: '{{customer.attributes}}', t: '{{ customer.attributes.tags[0] }}', m: 'score {{ customer.activityScore }}' }))
      .toEqual({ s: 620, o: { city: 'Shanghai', tags: ['vip'] }, t: 'vip', m: 'score 620' });
  });

  it('is JSON-safe for quotes, backslashes, newlines, CJK and emoji', () => {
    const nasty = { ...customer, name: 'x"}, "evil": true, "y": "\\\n😀　 ' };
    const body = render({ text: '你好 {{ customer.name }}!' }, { customer: nasty });
    const json = JSON.stringify(body);
    expect(JSON.parse(json)).toEqual({ text: `你好 ${nasty.name}!` });
    expect(Object.keys(JSON.parse(json))).toEqual(['text']);
  });

  it('renders missing values as null (exact) or empty (in text)', () => {
    expect(render({ a: '{{ customer.attributes.missing }}', b: 'x{{ customer.email }}y', c: '{{ event.anything.deep }}' }, { customer }))
      .toEqual({ a: null, b: 'xy', c: null });
  });

  it('supports Liquid filters and conditionals', () => {
    expect(render({ t: '{{ customer.attributes.city | upcase }}{% if customer.activityScore >= 500 %} VIP{% endif %}' })).toEqual({ t: 'SHANGHAI VIP' });
  });

  it('accepts JSON text and keeps non-string leaves', () => {
    expect(render('{"n": 1, "b": false, "z": null, "a": [1, "{{ message.id }}"]}', { message: { id: 'm1' } }))
      .toEqual({ n: 1, b: false, z: null, a: [1, 'm1'] });
  });

  it.each([
    ['{"a": ', 'bodyTemplate', 'not valid JSON'],
    ['"just a string"', 'bodyTemplate', 'JSON object or array'],
    [{ a: '{{ customer.password }}' }, 'bodyTemplate.a', 'unknown variable "customer.password"'],
    [{ a: { b: ['{{ secrets.key }}'] } }, 'bodyTemplate.a.b[0]', 'unknown variable "secrets.key"'],
    [{ a: 'x {{ customer.name.first }}' }, 'bodyTemplate.a', 'customer.name has no fields'],
    [{ a: '{{$$.Password$$}}' }, 'bodyTemplate.a', 'unknown DCE variable'],
    [{ a: '{{ customer.name | nosuchfilter }}' }, 'bodyTemplate.a', 'invalid template'],
    [{ a: '{% if %}' }, 'bodyTemplate.a', 'invalid template'],
    [{ a: '{{ customer.name ' }, 'bodyTemplate.a', 'invalid template'],
  ])('rejects %j at %s', (template, path, message) => {
    let error: unknown;
    try {
      compileTemplate(template);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TemplateError);
    expect((error as TemplateError).path).toBe(path);
    expect((error as TemplateError).message).toContain(message);
  });

  it('allows loop locals and free namespaces', () => {
    expect(render({ t: '{% for t in customer.attributes.tags %}[{{ t }}]{% endfor %}', f: '{{ form.fields.size }}' }, { customer, form: { fields: { size: 'L' } } }))
      .toEqual({ t: '[vip]', f: 'L' });
  });
});
