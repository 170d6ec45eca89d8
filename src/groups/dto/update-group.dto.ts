import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { Omittable } from '../../common/validation';

/** A group's type cannot change: create another group instead. */
export class UpdateGroupDto {
  @Omittable() @IsString() @IsNotEmpty() @MaxLength(100)
  name?: string;

  @IsOptional() @IsString() @MaxLength(500)
  description?: string | null;

  @IsOptional()
  rule?: unknown;
}
