import { compileTemplate, renderTemplate, TemplateError } from './render-template';

const customer = {
  id: 42,
  name: 'A "quoted" \\ name',
  wechatNickname: '小明',
  mobile: '13800138000',
  email: null,
  activityScore: 620,
  attributes: { city: 'Shanghai', tags: ['vip'] },
  createdAt: '2026-01-02T03:04:05.000Z',
  updatedAt: '2026-01-02T03:04:05.000Z',
  firstName: 'Ming',
  lastName: 'Wang',
  enabled: true,
};
const render = (template: unknown, ctx: Record<string, unknown> = { customer }) => renderTemplate(compileTemplate(template), ctx);

describe('templates', () => {
  it('renders the DCE 5.0 default user body', () => {
    const body = render({
      id: '{{$$.ID$$}}',
      email: '{{$$.Email$$}}',
      username: '{{$$.Name$$}}',
      last_name: '{{$$.LastName$$}}',
      first_name: '{{$$.FirstName$$}}',
      created_at: '{{$$.CreatedAt$$}}',
      enabled: '{{$$.Enabled$$}}',
    });
    expect(body).toEqual({
      id: 42,
      email: null,
      username: 'A "quoted" \\ name',
      last_name: 'Wang',
      first_name: 'Ming',
      created_at: '2026-01-02T03:04:05.000Z',
      enabled: true,
    });
  });

  it('renders the DCE 5.0 WeCom robot body', () => {
    const body = render({ msgtype: 'text', text: { content: '{{$$.Name$$}} hello world' } });
    expect(body).toEqual({ msgtype: 'text', text: { content: 'A "quoted" \\ name hello world' } });
    expect(JSON.parse(JSON.stringify(body))).toEqual(body);
  });

  it('keeps the type of a leaf that is exactly one variable, stringifies mixed leaves', () => {
    expect(
      render({
        s: '{{ customer.activityScore }}',
        o: '{{customer.attributes}}',
        t: '{{ customer.attributes.tags[0] }}',
        m: 'score {{ customer.activityScore }}',
      }),
    ).toEqual({ s: 620, o: { city: 'Shanghai', tags: ['vip'] }, t: 'vip', m: 'score 620' });
  });

  it('is JSON-safe for quotes, backslashes, newlines, CJK and emoji', () => {
    const nasty = { ...customer, name: 'x"}, "evil": true, "y": "\\\n😀　 ' };
    const body = render({ text: '你好 {{ customer.name }}!' }, { customer: nasty });
    const json = JSON.stringify(body);
    expect(JSON.parse(json)).toEqual({ text: `你好 ${nasty.name}!` });
    expect(Object.keys(JSON.parse(json))).toEqual(['text']);
  });

  it('renders missing values as null (exact) or empty (in text)', () => {
    expect(render({ a: '{{ customer.attributes.missing }}', b: 'x{{ customer.email }}y', c: '{{ event.anything.deep }}' }, { customer })).toEqual({
      a: null,
      b: 'xy',
      c: null,
    });
  });

  it('supports Liquid filters and conditionals', () => {
    expect(render({ t: '{{ customer.attributes.city | upcase }}{% if customer.activityScore >= 500 %} VIP{% endif %}' })).toEqual({ t: 'SHANGHAI VIP' });
  });

  it('accepts JSON text and keeps non-string leaves', () => {
    expect(render('{"n": 1, "b": false, "z": null, "a": [1, "{{ message.id }}"]}', { message: { id: 'm1' } })).toEqual({
      n: 1,
      b: false,
      z: null,
      a: [1, 'm1'],
    });
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
    expect(
      render({ t: '{% for t in customer.attributes.tags %}[{{ t }}]{% endfor %}', f: '{{ form.fields.size }}' }, { customer, form: { fields: { size: 'L' } } }),
    ).toEqual({ t: '[vip]', f: 'L' });
  });
});

describe('render limits', () => {
  const limits = { timeMs: 50, memory: 1_000_000, outputChars: 256 * 1024 };
  const failure = (template: unknown, ctx: Record<string, unknown> = { customer }, l = limits) => {
    try {
      renderTemplate(compileTemplate(template), ctx, l);
    } catch (error) {
      expect(error).toBeInstanceOf(TemplateError);
      return { path: (error as TemplateError).path, message: (error as TemplateError).message };
    }
    throw new Error('rendered within the limits');
  };

  it('stops a loop over a huge range before allocating it (the issue 11 finding)', () => {
    expect(failure({ text: '{% for i in (1..100000000) %}x{% endfor %}' })).toEqual({
      path: 'bodyTemplate.text',
      message: expect.stringContaining('allocates more than 1000000 template memory units'),
    });
  });

  it('caps what Liquid writes for one message, across leaves', () => {
    const output = { ...limits, timeMs: 60_000, outputChars: 1000 };
    expect(failure({ a: '{% for i in (1..600) %}xx{% endfor %}' }, { customer }, output).message).toContain('renders more than 1000 characters');
    const half = '{% for i in (1..600) %}x{% endfor %}';
    expect(failure({ a: half, b: { c: half } }, { customer }, output).path).toBe('bodyTemplate.b.c');
  });

  it('bounds the time of the whole message, not of each leaf', () => {
    // One leaf takes a millisecond or two, far under the limit; five hundred of them do not fit.
    const relaxed = { ...limits, memory: 1e9, timeMs: 100 };
    const leaf = '{% for i in (1..2000) %}{% endfor %}';
    expect(() => renderTemplate(compileTemplate({ k: leaf }), { customer }, relaxed)).not.toThrow();
    const template = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, leaf]));
    expect(failure(template, { customer }, relaxed).message).toContain('took longer than 100 ms to render (twice)');
  });

  it("does not fail a message for one pause that is not the template's (a GC, a busy machine): it renders again", () => {
    let paused = false;
    const stalling = {
      ...customer,
      get name() {
        if (!paused) {
          paused = true;
          for (const end = Date.now() + 80; Date.now() < end;) {
            /* the process stalls once */
          }
        }
        return 'Zoë';
      },
    };
    expect(renderTemplate(compileTemplate({ t: '{{ customer.name }} and {{ customer.mobile }}' }), { customer: stalling }, limits)).toEqual({
      t: 'Zoë and 13800138000',
    });
    expect(paused).toBe(true);
  });

  it('fails a data-dependent template for that customer only', () => {
    const template = { t: '{% for a in customer.attributes.tags %}{% for b in customer.attributes.tags %}{{ a }}{{ b }}{% endfor %}{% endfor %}' };
    expect(render(template)).toEqual({ t: 'vipvip' });
    const many = { ...customer, attributes: { tags: Array.from({ length: 2000 }, (_, i) => `tag${i}`) } };
    expect(failure(template, { customer: many }).path).toBe('bodyTemplate.t');
  });

  it('reports other render failures as template errors naming the leaf', () => {
    const explosive = Object.defineProperty({}, 'name', {
      enumerable: true,
      get: () => {
        throw new Error('boom');
      },
    });
    expect(failure({ a: { b: 'hi {{ customer.name }}' } }, { customer: explosive })).toEqual({
      path: 'bodyTemplate.a.b',
      message: expect.stringContaining('bodyTemplate.a.b: cannot be rendered: boom'),
    });
  });
});

describe('compileTemplate roots', () => {
  it('lists the namespaces a template reads, so costly values are made only when read', () => {
    const compiled = compileTemplate({ a: '{{ unsubscribe_url }}', b: ['退订 {{ unsubscribe_url }} {{ customer.name | upcase }}'], c: '{{$$.Email$$}}' });
    expect([...compiled.roots!].sort()).toEqual(['customer', 'unsubscribe_url']);
    expect(renderTemplate(compiled, { unsubscribe_url: 'https://h.example/u/x', customer: { name: 'li', email: null } })).toEqual({
      a: 'https://h.example/u/x',
      b: ['退订 https://h.example/u/x LI'],
      c: null,
    });
    expect(compileTemplate({ a: 'plain' }).roots!.size).toBe(0);
    expect(() => compileTemplate({ a: '{{ unsubscribe_url.x }}' })).toThrow(/has no fields/);
  });
});
