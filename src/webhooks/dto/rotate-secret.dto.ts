import { IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Omittable } from '../../common/validation';

export class RotateSecretDto {
  @IsString()
  @MinLength(8)
  @MaxLength(256)
  secret: string;

  /** How long the old secret keeps signing alongside the new one (default 24 h; 0 = switch now). */
  @Omittable()
  @IsInt()
  @Min(0)
  @Max(30 * 86_400)
  graceSeconds?: number;
}
