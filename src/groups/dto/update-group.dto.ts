import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

/** A group's type cannot change: create another group instead. */
export class UpdateGroupDto {
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100)
  name?: string;

  @IsOptional() @IsString() @MaxLength(500)
  description?: string | null;

  @IsOptional()
  rule?: unknown;
}
