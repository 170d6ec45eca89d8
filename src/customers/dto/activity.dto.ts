import { IsInt, Max, Min } from 'class-validator';

export class ActivityDeltaDto {
  // No digit separators in a negative bound: the @nestjs/swagger CLI plugin drops the property then.
  @IsInt()
  @Min(-1000000)
  @Max(1000000)
  delta: number;
}
