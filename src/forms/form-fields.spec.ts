import { checkFields, validateFields } from './form-fields';

const ok = [
  { name: 'name', label: '姓名', type: 'text', required: true, maps: 'name' },
  { name: 'mobile', label: '手机', type: 'tel', required: true, maps: 'mobile', placeholder: '138…' },
  { name: 'email', label: '邮箱', type: 'email', maps: 'email' },
  { name: 'age', label: '年龄', type: 'number', maps: 'attributes.age' },
  {
    name: 'city',
    label: '城市',
    type: 'select',
    options: [
      { value: 'sh', label: '上海' },
      { value: 'bj', label: '北京' },
    ],
    maps: 'attributes.city',
  },
  { name: 'interests', label: '兴趣', type: 'checkbox', options: [{ value: 'a', label: 'A' }] },
  { name: 'consent', label: '同意', type: 'checkbox', required: true },
  { name: 'note', label: '备注', type: 'textarea' },
];

describe('validateFields', () => {
  it('accepts every type and normalizes required to a boolean', () => {
    const { fields, errors } = validateFields(ok);
    expect(errors).toEqual({});
    expect(fields).toHaveLength(8);
    expect(fields[2]).toEqual({ name: 'email', label: '邮箱', type: 'email', required: false, maps: 'email' });
    expect(fields[1].placeholder).toBe('138…');
  });

  it.each([
    [[], 'fields', 'non-empty'],
    [Array.from({ length: 51 }, (_, i) => ({ name: `f${i}`, label: 'x', type: 'text' })), 'fields', 'at most 50'],
    [[{ name: '_x', label: 'x', type: 'text' }], 'fields[0].name', 'starting with a letter'],
    [[{ name: '1x', label: 'x', type: 'text' }], 'fields[0].name', 'starting with a letter'],
    [
      [
        { name: 'x', label: 'x', type: 'text' },
        { name: 'x', label: 'y', type: 'text' },
      ],
      'fields[1].name',
      'repeats the name of fields[0]',
    ],
    [[{ name: 'x', label: ' ', type: 'text' }], 'fields[0].label', '1 to 200'],
    [[{ name: 'x', label: 'x', type: 'date' }], 'fields[0].type', 'must be one of'],
    [[{ name: 'x', label: 'x', type: 'text', required: 'yes' }], 'fields[0].required', 'true or false'],
    [[{ name: 'x', label: 'x', type: 'select' }], 'fields[0].options', 'required for a select'],
    [[{ name: 'x', label: 'x', type: 'select', options: [] }], 'fields[0].options', '1 to 100'],
    [[{ name: 'x', label: 'x', type: 'text', options: [{ value: 'a', label: 'a' }] }], 'fields[0].options', 'only for select and checkbox'],
    [
      [
        {
          name: 'x',
          label: 'x',
          type: 'select',
          options: [
            { value: 'a', label: 'a' },
            { value: 'a', label: 'b' },
          ],
        },
      ],
      'fields[0].options[1].value',
      'repeats',
    ],
    [[{ name: 'x', label: 'x', type: 'select', options: [{ value: 'a', label: '' }] }], 'fields[0].options[0].label', '1 to 200'],
    [[{ name: 'x', label: 'x', type: 'select', options: [{ value: 'a', label: 'a', extra: 1 }] }], 'fields[0].options[0].extra', 'not an option property'],
    [[{ name: 'x', label: 'x', type: 'text', maps: 'phone' }], 'fields[0].maps', 'attributes.<key>'],
    [[{ name: 'x', label: 'x', type: 'text', maps: 'attributes.a.b' }], 'fields[0].maps', 'attributes.<key>'],
    [[{ name: 'x', label: 'x', type: 'text', maps: 'mobile' }], 'fields[0].maps', 'mobile is filled from a tel field'],
    [[{ name: 'x', label: 'x', type: 'number', maps: 'name' }], 'fields[0].maps', 'name is filled from a text field'],
    [
      [
        { name: 'x', label: 'x', type: 'text', maps: 'attributes.k' },
        { name: 'y', label: 'y', type: 'number', maps: 'attributes.k' },
      ],
      'fields[1].maps',
      'repeats the mapping',
    ],
    [[{ name: 'x', label: 'x', type: 'checkbox', placeholder: 'p' }], 'fields[0].placeholder', 'not used by checkbox'],
    [[{ name: 'x', label: 'x', type: 'text', hint: 'h' }], 'fields[0].hint', 'not a field property'],
    [['x'], 'fields[0]', 'must be an object'],
    // Options that are not {value, label} objects answered 500: the field was normalised after its error was noted.
    [[{ name: 'c', label: 'c', type: 'select', options: ['Shanghai', 'Beijing'] }], 'fields[0].options[0]', 'must be an object'],
    [[{ name: 'c', label: 'c', type: 'select', options: [{ value: 'x' }] }], 'fields[0].options[0].label', 'must be text'],
    [[{ name: 'c', label: 'c', type: 'select', options: 'x' }], 'fields[0].options', 'must be an array'],
    [[{ name: 'c', label: 'c', type: 'select', options: [null] }], 'fields[0].options[0]', 'must be an object'],
    [[{ name: 'c', label: 'c', type: 'select', options: 5 }], 'fields[0].options', 'must be an array'],
    [[{ name: 'c', label: 5, type: 'checkbox', options: [{ value: 'x', label: 7 }] }], 'fields[0].options[0].label', 'must be text'],
  ])('%j: %s %s', (input, path, message) => {
    const { fields, errors } = validateFields(input);
    expect(errors[path]?.join(' ')).toContain(message);
    expect(errors[path][0].startsWith(path)).toBe(true);
    expect(fields).toEqual([]);
  });

  it('names every bad part at once', () => {
    const { errors } = validateFields([
      { name: 'a', label: '', type: 'select' },
      { name: 'b', label: 'b', type: 'tel', maps: 'email' },
    ]);
    expect(Object.keys(errors).sort()).toEqual(['fields[0].label', 'fields[0].options', 'fields[1].maps']);
  });

  // The console shows each problem in Chinese on the field it names: a code and its values, beside the English message.
  it.each([
    [[{ name: 'x', label: 'x', type: 'select' }], 'fields[0].options', 'options_required', undefined],
    [[{ name: 'x', label: 'x', type: 'select', options: 'x' }], 'fields[0].options', 'array_of_options', { min: 1, max: 100 }],
    [[{ name: 'x', label: 'x', type: 'text', options: [{ value: 'a', label: 'a' }] }], 'fields[0].options', 'options_not_allowed', undefined],
    [
      [
        {
          name: 'x',
          label: 'x',
          type: 'select',
          options: [
            { value: 'a', label: 'a' },
            { value: 'a', label: 'b' },
          ],
        },
      ],
      'fields[0].options[1].value',
      'duplicate_option',
      { value: 'a', index: 0 },
    ],
    [
      [
        { name: 'x', label: 'x', type: 'text' },
        { name: 'x', label: 'y', type: 'text' },
      ],
      'fields[1].name',
      'duplicate_field_name',
      { name: 'x', index: 0 },
    ],
    [[{ name: '1x', label: 'x', type: 'text' }], 'fields[0].name', 'field_name', undefined],
    [[{ name: 'x', label: 'x', type: 'date' }], 'fields[0].type', 'is_in', { values: ['text', 'email', 'tel', 'number', 'textarea', 'select', 'checkbox'] }],
    [[{ name: 'x', label: 'x', type: 'text', maps: 'mobile' }], 'fields[0].maps', 'map_type', { column: 'mobile', expected: 'tel', type: 'text' }],
    [[{ name: 'x', label: 'x', type: 'text', maps: 'phone' }], 'fields[0].maps', 'map_target', { columns: ['name', 'mobile', 'email', 'wechatNickname'] }],
    [[{ name: 'x', label: 'x', type: 'checkbox', placeholder: 'p' }], 'fields[0].placeholder', 'placeholder_not_allowed', undefined],
    [[{ name: 'x', label: 'x', type: 'text', hint: 'h' }], 'fields[0].hint', 'unknown_field', undefined],
    [[], 'fields', 'array_min_size', { min: 1 }],
  ])('%j: %s is %s', (input, path, code, params) => {
    const { problems } = checkFields(input);
    const problem = problems.find((p) => p.path === path);
    expect(problem).toMatchObject({ path, code, ...(params ? { params } : {}) });
    expect(problem!.message.startsWith(path)).toBe(true);
  });
});
