import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '../../common/pagination';

export class CustomerQueryDto extends PageQuery {
  /** Matches name, WeChat nickname or mobile (the test-send picker). */
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MaxLength(100)
  q?: string;

  /** true: only customers who receive marketing messages; false: only those who unsubscribed. */
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'subscribed must be true or false' })
  subscribed?: boolean;
}
