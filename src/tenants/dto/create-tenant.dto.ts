import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class CreateTenantDto {
  @IsString() @IsNotEmpty() @MaxLength(100)
  name: string;

  /** Name of the first API key (default "default"). */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100)
  keyName?: string;
}
