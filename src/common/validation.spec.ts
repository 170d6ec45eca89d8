import { IsIn, IsInt, IsString, MaxLength, Min, ValidateNested, validateSync } from 'class-validator';
import { plainToInstance, Type } from 'class-transformer';
import { boundProblems, FieldValidationException, fieldError, flattenValidationErrors, ruleCode } from './validation';

class Inner {
  @IsIn(['a', 'b'])
  kind!: string;
}

class Outer {
  @IsString()
  @MaxLength(5)
  name!: string;

  @IsInt()
  @Min(1)
  count!: number;

  @ValidateNested({ each: true })
  @Type(() => Inner)
  items!: Inner[];
}

describe('field problems', () => {
  it('names class-validator rules as codes', () => {
    expect(ruleCode('maxLength')).toBe('max_length');
    expect(ruleCode('isInt')).toBe('is_int');
    expect(ruleCode('whitelistValidation')).toBe('unknown_field');
  });

  it('gives each broken rule its path, code and the parameters it was declared with', () => {
    const dto = plainToInstance(Outer, { name: 'too long', count: 0, items: [{ kind: 'a' }, { kind: 'z' }] });
    const problems = flattenValidationErrors(validateSync(dto, { stopAtFirstError: true }));
    expect(problems).toEqual([
      { path: 'name', code: 'max_length', params: { max: 5 }, message: 'name must be shorter than or equal to 5 characters' },
      { path: 'count', code: 'min', params: { min: 1 }, message: 'count must not be less than 1' },
      { path: 'items[1].kind', code: 'is_in', params: { values: ['a', 'b'] }, message: 'items[1].kind must be one of the following values: a, b' },
    ]);
  });

  it('keeps the fields map clients read beside the problems', () => {
    const e = fieldError('url', 'is required', 'required');
    expect(e.getResponse()).toMatchObject({
      code: 'validation_failed',
      fields: { url: ['url is required'] },
      problems: [{ path: 'url', code: 'required', message: 'url is required' }],
    });
    expect(new FieldValidationException({ a: ['a is odd'] }).problems).toEqual([{ path: 'a', code: 'invalid', message: 'a is odd' }]);
  });

  it('reports at most 50 paths and 10 problems a path', () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ path: `k${i}`, code: 'invalid' as const, message: 'bad' }));
    const same = Array.from({ length: 12 }, () => ({ path: 'x', code: 'invalid' as const, message: 'bad' }));
    expect(boundProblems(many)).toMatchObject({ more: 10 });
    expect(boundProblems(many).problems).toHaveLength(50);
    expect(boundProblems(same).problems).toHaveLength(10);
  });
});
