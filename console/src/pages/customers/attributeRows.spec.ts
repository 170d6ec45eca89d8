import { rowProblem, toAttributes, toRows, typeOf, valueText } from './attributeRows';

describe('attribute rows', () => {
  it('types values: text, number, 是/否, date, and JSON for the rest', () => {
    expect(toRows({ city: '上海', age: 30, vip: true, birthday: '1990-05-01', tags: ['tea'] })).toEqual([
      { key: 'city', type: 'text', value: '上海' },
      { key: 'age', type: 'number', value: 30 },
      { key: 'vip', type: 'boolean', value: true },
      { key: 'birthday', type: 'date', value: '1990-05-01' },
      { key: 'tags', type: 'json', value: '["tea"]' },
    ]);
    expect(typeOf(null)).toBe('json');
  });

  it('turns rows back into attributes; removed keys become null in a merge patch', () => {
    const rows = toRows({ city: '上海', tags: ['tea'] });
    rows[0].value = '北京';
    expect(toAttributes([...rows, { key: ' age ', type: 'number', value: 31 }, { key: 'ok', type: 'boolean', value: null }])).toEqual({
      city: '北京',
      tags: ['tea'],
      age: 31,
      ok: false,
    });
    expect(toAttributes([rows[0]], { city: '上海', tags: ['tea'] })).toEqual({ city: '北京', tags: null });
  });

  it('names what is wrong with a row', () => {
    expect(rowProblem({ key: ' ', type: 'text', value: 'x' })).toBe('keyRequired');
    expect(rowProblem({ key: 'a', type: 'number', value: null })).toBe('numberInvalid');
    expect(rowProblem({ key: 'a', type: 'date', value: '5 May' })).toBe('dateInvalid');
    expect(rowProblem({ key: 'a', type: 'json', value: '{' })).toBe('jsonInvalid');
    expect(rowProblem({ key: 'a', type: 'text', value: '' })).toBeUndefined();
    expect(valueText(false, '是', '否')).toBe('否');
    expect(valueText(['茶', '咖啡'], '是', '否')).toBe('茶、咖啡');
    expect(valueText({ a: 1 }, '是', '否')).toBe('{"a":1}');
  });
});
