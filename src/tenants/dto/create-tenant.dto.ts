import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Omittable } from '../../common/validation';

export class CreateTenantDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  /** Name of the first API key (default "default"). */
  @Omittable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  keyName?: string;
}
