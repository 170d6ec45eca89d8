import { csvScalar, CsvFormatError, parseCustomersCsv } from './customer-csv';

describe('parseCustomersCsv', () => {
  it('maps columns, attributes and types; skips empty cells', () => {
    const rows = parseCustomersCsv('\ufeffname,mobile,activityScore,attributes.age,attributes.vip\n"A, B",138,12,30,true\nC,,x,,\n');
    expect(rows).toEqual([
      { name: 'A, B', mobile: '138', activityScore: 12, attributes: { age: 30, vip: true } },
      { name: 'C', activityScore: 'x' },
    ]);
  });

  it('reads the unsubscribed column as yes/no, in English or Chinese; other words are left for the row check', () => {
    const rows = parseCustomersCsv('mobile,unsubscribed\n1,是\n2,否\n3,TRUE\n4,0\n5,也许\n6,\n');
    expect(rows.map((r) => r.unsubscribed)).toEqual([true, false, true, false, '也许', undefined]);
  });

  it('keeps text that only looks numeric', () => {
    expect(csvScalar('007')).toBe('007');
    expect(csvScalar('13800138000')).toBe(13800138000);
    expect(csvScalar('1.5')).toBe(1.5);
    expect(csvScalar('1e5')).toBe('1e5');
    expect(csvScalar('12345678901234567890')).toBe('12345678901234567890');
  });

  it('names unknown columns and malformed CSV', () => {
    expect(() => parseCustomersCsv('name,phone\na,1')).toThrow(/"phone" is unknown/);
    expect(() => parseCustomersCsv('name,phone\na,1')).toThrow(
      expect.objectContaining({
        code: 'csv_unknown_column',
        params: { column: 'phone', columns: ['name', 'wechatNickname', 'mobile', 'email', 'activityScore', 'unsubscribed'] },
      }),
    );
    expect(() => parseCustomersCsv('')).toThrow(expect.objectContaining({ code: 'csv_empty' }));
    expect(() => parseCustomersCsv('name,mobile\n"a,1')).toThrow(expect.objectContaining({ code: 'csv_malformed' }));
    expect(() => parseCustomersCsv('name,mobile\n"a,1')).toThrow(CsvFormatError);
    expect(() => parseCustomersCsv('')).toThrow(/empty/);
    expect(() => parseCustomersCsv('name,mobile\na,1,extra')).toThrow(/malformed/);
  });
});
