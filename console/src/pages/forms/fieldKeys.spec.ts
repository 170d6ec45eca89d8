import { deriveKeys, typeForLabel } from './fieldKeys';

const auto = (label: string, type = 'text') => ({ label, type, auto: true });

describe('deriveKeys', () => {
  it('makes keys and mappings from Chinese labels and types', () => {
    expect(deriveKeys([auto('姓名'), auto('手机号', 'tel'), auto('城市'), auto('邮箱', 'email')])).toEqual([
      { name: 'name', maps: 'name' },
      { name: 'mobile', maps: 'mobile' },
      { name: 'city', maps: 'attributes.city' },
      { name: 'email', maps: 'email' },
    ]);
  });

  it('reads a label that says more, and common marketing labels', () => {
    expect(deriveKeys([auto('所在城市'), auto('您的生日'), auto('性别', 'select'), auto('公司名称'), auto('您的姓名')]).map((k) => k.name)).toEqual([
      'city',
      'birthday',
      'gender',
      'company',
      'name',
    ]);
  });

  it('falls back to field_<n> (its position) and camelCases English labels', () => {
    expect(deriveKeys([auto('随便问问'), auto(''), auto('Favourite colour')])).toEqual([
      { name: 'field_1', maps: 'attributes.field_1' },
      { name: 'field_2', maps: 'attributes.field_2' },
      { name: 'favouriteColour', maps: 'attributes.favouriteColour' },
    ]);
  });

  it('keeps keys unique and a customer column filled by one field only', () => {
    expect(deriveKeys([auto('手机号', 'tel'), auto('备用电话', 'tel'), auto('城市'), auto('常住城市')])).toEqual([
      { name: 'mobile', maps: 'mobile' },
      { name: 'mobile_2', maps: 'attributes.mobile_2' },
      { name: 'city', maps: 'attributes.city' },
      { name: 'city_2', maps: 'attributes.city_2' },
    ]);
  });

  it("keeps the marketer's own (and saved) keys and mappings, and works around them", () => {
    const own = { label: '电话', type: 'tel', name: 'mobile', maps: 'mobile', auto: false };
    expect(deriveKeys([auto('手机', 'tel'), own, { label: 'x', type: 'text', name: 'city', auto: false }, auto('城市')])).toEqual([
      { name: 'mobile_2', maps: 'attributes.mobile_2' },
      { name: 'mobile', maps: 'mobile' },
      { name: 'city' },
      { name: 'city_2', maps: 'attributes.city_2' },
    ]);
  });

  it('maps a name only from a text field', () => {
    expect(deriveKeys([auto('姓名', 'textarea')])).toEqual([{ name: 'field_1', maps: 'attributes.field_1' }]);
  });
});

describe('typeForLabel', () => {
  it('asks for tel or email from the label', () => {
    expect(typeForLabel('手机号')).toBe('tel');
    expect(typeForLabel('联系电话')).toBe('tel');
    expect(typeForLabel('电子邮箱')).toBe('email');
    expect(typeForLabel('城市')).toBeUndefined();
  });
});
