import { acceptedReply, invalidReply, pageReply, tooManyReply } from './form-replies';

const form = {
  name: 'n',
  title: '报名',
  description: null,
  thankYouText: null,
  redirectUrl: null,
  fields: [{ name: 'mobile', label: '手机', type: 'tel' as const, required: true }],
};

describe('form replies', () => {
  it('browsers get the thank-you page, or a 303 to the redirect URL; apps get 201 without ids', () => {
    expect(acceptedReply(true, form)).toMatchObject({ status: 200, html: expect.stringContaining('提交成功') });
    expect(acceptedReply(true, { ...form, thankYouText: '谢谢 <b>' }).html).toContain('谢谢 &lt;b&gt;');
    expect(acceptedReply(true, { ...form, redirectUrl: 'https://x.example/ok' })).toMatchObject({ status: 303, redirect: 'https://x.example/ok' });
    expect(acceptedReply(false, { ...form, redirectUrl: 'https://x.example/ok' }).json).toEqual({
      status: 'accepted',
      message: '提交成功,感谢您的参与!',
      redirectUrl: 'https://x.example/ok',
    });
    expect(acceptedReply(false, form).json).toEqual({ status: 'accepted', message: '提交成功,感谢您的参与!' });
  });

  it('the page may post to us and be sent on to the redirect origin; no scripts', () => {
    const csp = pageReply({ ...form, redirectUrl: 'https://x.example/a?b=c' }).headers['Content-Security-Policy'];
    expect(csp).toContain("form-action 'self' https://x.example");
    expect(csp).toContain("default-src 'none'");
    expect(pageReply(form).headers['Content-Security-Policy']).toMatch(/form-action 'self'$/);
  });

  it('errors: the API shape keyed by field name for apps, the page with status 400 for browsers', () => {
    const json = invalidReply(false, form, {}, { mobile: { code: 'mobile' }, extra: { code: 'unknown' } });
    expect(json).toMatchObject({
      status: 400,
      json: {
        statusCode: 400,
        error: 'Bad Request',
        fields: { mobile: ['mobile must be 5 to 20 digits, optionally starting with +'], extra: ['extra is not a field of this form'] },
      },
    });
    expect((json.json as { problems: unknown[] }).problems).toEqual([
      { path: 'mobile', code: 'is_mobile', message: 'mobile must be 5 to 20 digits, optionally starting with +' },
      { path: 'extra', code: 'unknown_field', message: 'extra is not a field of this form' },
    ]);
    const coded = invalidReply(
      false,
      form,
      {},
      { name: { code: 'tooLong', max: 200 }, city: { code: 'option', values: ['sh', 'bj'] }, age: { code: 'number' } },
    );
    expect((coded.json as { problems: unknown[] }).problems).toEqual([
      expect.objectContaining({ path: 'name', code: 'max_length', params: { max: 200 } }),
      expect.objectContaining({ path: 'city', code: 'is_in', params: { values: ['sh', 'bj'] } }),
      expect.objectContaining({ path: 'age', code: 'is_number' }),
    ]);
    const html = invalidReply(true, form, { mobile: 'x' }, { mobile: { code: 'mobile' } });
    expect(html.status).toBe(400);
    expect(html.html).toContain('id="f-mobile-error"');
  });

  it('429 carries Retry-After either way', () => {
    expect(tooManyReply(false, 't', 42)).toMatchObject({ status: 429, headers: { 'Retry-After': '42' }, json: { statusCode: 429 } });
    expect(tooManyReply(true, 't', 42).headers['Retry-After']).toBe('42');
  });
});
