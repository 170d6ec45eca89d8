import { contactFieldsInRule, maskContacts, maskContactsInText, maskEmail, maskMobile, maskOpaque } from './contact-mask';

describe('contact masking', () => {
  it('masks mobiles: the last four kept, the first three of an 11-digit number', () => {
    expect(maskMobile('13812345678')).toBe('138****5678');
    expect(maskMobile('+8613812345678')).toBe('+86138****5678');
    expect(maskMobile('85291234')).toBe('85****34');
    expect(maskMobile('12345')).toBe('1****');
    expect(maskMobile('')).toBe('');
  });

  it('masks emails to the first character and the domain; opaque ids to four characters', () => {
    expect(maskEmail('alice@example.com')).toBe('a***@example.com');
    expect(maskEmail('zhang.wei+vip@mail.example.cn')).toBe('z***@mail.example.cn');
    expect(maskEmail('not-an-email')).toBe('not-****');
    expect(maskOpaque('o6_bmjrPTlm6_2sgVt7hMZOPfL2M')).toBe('o6_b****');
    expect(maskOpaque('abc')).toBe('****');
  });

  it('masks emails and mainland mobiles inside free text, and nothing else', () => {
    expect(maskContactsInText('{"to":"13812345678","mail":"li.na@example.com","n":1733400000000}')).toBe(
      '{"to":"138****5678","mail":"l***@example.com","n":1733400000000}',
    );
    expect(maskContactsInText('call +86 13812345678 or 8613912345678 today')).toBe('call +86 138****5678 or 86139****5678 today');
    // Not mobiles: longer digit runs (timestamps, ids), numbers not starting 13-19.
    expect(maskContactsInText('id 138123456789 ts 1733400000000 no 12812345678')).toBe('id 138123456789 ts 1733400000000 no 12812345678');
    // Masking twice changes nothing.
    const once = maskContactsInText('13812345678 a@b.example');
    expect(maskContactsInText(once)).toBe(once);
  });

  it('masks contact keys at any depth and leaves other values and the structure alone', () => {
    const at = new Date('2026-12-05T00:00:00Z');
    const answer = {
      items: [
        {
          id: 7,
          name: '张伟',
          mobile: '13800138000',
          email: 'zhang.wei@example.com',
          activityScore: 13800138000,
          attributes: { city: 'Shanghai', openid: 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M', contacts: { phone: '021-5555 1234' } },
          createdAt: at,
          unsubscribedAt: null,
        },
      ],
      customer: { id: 7, name: '张伟', mobile: null },
      request: { body: '{"text":"Hi 张伟, 13800138000"}' },
      nextCursor: null,
    };
    const masked = maskContacts(answer);
    expect(masked).toEqual({
      items: [
        {
          id: 7,
          name: '张伟',
          mobile: '138****8000',
          email: 'z***@example.com',
          activityScore: 13800138000,
          attributes: { city: 'Shanghai', openid: 'o6_b****', contacts: { phone: '021-5****1234' } },
          createdAt: at,
          unsubscribedAt: null,
        },
      ],
      customer: { id: 7, name: '张伟', mobile: null },
      request: { body: '{"text":"Hi 张伟, 138****8000"}' },
      nextCursor: null,
    });
    // A copy: the answer itself is unchanged.
    expect(answer.items[0].mobile).toBe('13800138000');
  });

  it('masks a contact value the answer names under a contact key wherever else it appears, whatever its country', () => {
    const message = { customer: { id: 1, name: 'Ann', mobile: '+442071838750' }, request: { body: '{"to":"+442071838750","text":"hi"}' } };
    expect(maskContacts(message)).toEqual({
      customer: { id: 1, name: 'Ann', mobile: '+4420****8750' },
      request: { body: '{"to":"+4420****8750","text":"hi"}' },
    });
    // Short values under a contact key are masked there but not searched for elsewhere.
    expect(maskContacts({ tel: '110', note: 'call 110' })).toEqual({ tel: '1****', note: 'call 110' });
  });

  it('finds the contact fields a segment rule tests, at any depth', () => {
    expect(contactFieldsInRule({ field: 'mobile', op: 'contains', value: '138' })).toEqual(['mobile']);
    expect(
      contactFieldsInRule({
        and: [
          { field: 'name', op: '=', value: 'x' },
          {
            or: [
              { field: 'email', op: 'exists' },
              { field: 'attributes.openid', op: '=', value: 'o' },
            ],
          },
        ],
      }),
    ).toEqual(['email', 'attributes.openid']);
    expect(
      contactFieldsInRule({
        and: [
          { field: 'activityScore', op: '>=', value: 1 },
          { field: 'attributes.city', op: '=', value: 'x' },
        ],
      }),
    ).toEqual([]);
    expect(contactFieldsInRule(null)).toEqual([]);
    expect(contactFieldsInRule('mobile')).toEqual([]);
  });
});
