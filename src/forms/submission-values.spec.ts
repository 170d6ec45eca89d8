import { FormField } from './form-fields';
import { customerInput, readSubmission } from './submission-values';

const fields: FormField[] = [
  { name: 'name', label: '姓名', type: 'text', required: true, maps: 'name' },
  { name: 'mobile', label: '手机', type: 'tel', required: false, maps: 'mobile' },
  { name: 'email', label: '邮箱', type: 'email', required: false, maps: 'email' },
  { name: 'age', label: '年龄', type: 'number', required: false, maps: 'attributes.age' },
  {
    name: 'city',
    label: '城市',
    type: 'select',
    required: false,
    options: [
      { value: 'sh', label: '上海' },
      { value: 'bj', label: '北京' },
    ],
    maps: 'attributes.city',
  },
  {
    name: 'interests',
    label: '兴趣',
    type: 'checkbox',
    required: false,
    options: [
      { value: 'a', label: 'A' },
      { value: 'b', label: 'B' },
    ],
  },
  { name: 'consent', label: '同意', type: 'checkbox', required: true, maps: 'attributes.consent' },
  { name: 'note', label: '备注', type: 'textarea', required: false },
];

describe('readSubmission', () => {
  it('types a browser post: trimmed text, normalized mobile and email, numbers, options in their order, yes/no', () => {
    const read = readSubmission(
      fields,
      {
        name: ' 张三 ',
        mobile: '138 0013-8000',
        email: ' Zhang@Example.COM',
        age: '30',
        city: 'bj',
        interests: ['b', 'a', 'b'],
        consent: 'true',
        note: '',
        submit: '提交',
      },
      { strict: false },
    );
    expect(read.problems).toEqual({});
    expect(read.values).toEqual({
      name: '张三',
      mobile: '13800138000',
      email: 'zhang@example.com',
      age: 30,
      city: 'bj',
      interests: ['a', 'b'],
      consent: true,
      note: null,
    });
    expect(read.entered.name).toBe(' 张三 ');
  });

  it('types a JSON body: numbers and booleans as JSON, a single option as a list', () => {
    const read = readSubmission(fields, { name: 'A', age: -1.5, interests: 'a', consent: true }, { strict: true });
    expect(read.problems).toEqual({});
    expect(read.values).toMatchObject({ age: -1.5, interests: ['a'], consent: true, mobile: null, city: null });
  });

  it('an unchecked box is false, and a required one is required', () => {
    expect(readSubmission(fields, { name: 'A' }, { strict: false }).problems).toEqual({ consent: { code: 'required' } });
    const optional = fields.map((f) => (f.name === 'consent' ? { ...f, required: false } : f));
    expect(readSubmission(optional, { name: 'A' }, { strict: false }).values.consent).toBe(false);
  });

  it.each([
    [{ name: '   ' }, 'name', 'required'],
    [{ name: ['a', 'b'] }, 'name', 'text'],
    [{ name: 7 }, 'name', 'text'],
    [{ name: 'x'.repeat(201) }, 'name', 'tooLong'],
    [{ mobile: '12ab' }, 'mobile', 'mobile'],
    [{ mobile: '1234' }, 'mobile', 'mobile'],
    [{ email: 'nope' }, 'email', 'email'],
    [{ age: '3 apples' }, 'age', 'number'],
    [{ age: '1e999' }, 'age', 'number'],
    [{ age: true }, 'age', 'number'],
    [{ city: 'gz' }, 'city', 'option'],
    [{ interests: ['a', 'z'] }, 'interests', 'option'],
    [{ interests: [{ a: 1 }] }, 'interests', 'option'],
    [{ consent: 'maybe' }, 'consent', 'boolean'],
    [{ note: 'x'.repeat(2001) }, 'note', 'tooLong'],
  ])('%j: %s is %s', (body, field, code) => {
    const read = readSubmission(fields, { name: 'A', consent: 'on', ...body }, { strict: false });
    expect(read.problems[field]?.code).toBe(code);
    expect(read.values[field]).toBeNull();
  });

  it('JSON callers are told about keys that name no field (the honeypot is not one of them)', () => {
    const read = readSubmission(fields, { name: 'A', consent: true, phone: '1', _homepage: '' }, { strict: true });
    expect(read.problems).toEqual({ phone: { code: 'unknown' } });
    expect(readSubmission(fields, { name: 'A', consent: true, phone: '1' }, { strict: false }).problems).toEqual({});
  });

  it('a __proto__ key from a JSON caller is reported like any unknown key', () => {
    const body = JSON.parse('{"__proto__": {"x": 1}, "name": "A", "consent": true}');
    expect(Object.keys(readSubmission(fields, body, { strict: true }).problems)).toEqual(['__proto__']);
  });

  it('reads only own keys (a prototype name is not a value)', () => {
    const body = JSON.parse('{"__proto__": {"name": "x"}, "consent": true}');
    expect(readSubmission(fields, body, { strict: false }).problems).toEqual({ name: { code: 'required' } });
  });
});

describe('customerInput', () => {
  it('fills mapped columns and attributes, leaving out empty values', () => {
    const { values } = readSubmission(fields, { name: '张三', mobile: '13800138000', age: '', city: 'sh', consent: 'on' }, { strict: false });
    expect(customerInput(fields, values)).toEqual({ name: '张三', mobile: '13800138000', attributes: { city: 'sh', consent: true } });
  });
});
