import { IsInt, Max, Min } from 'class-validator';

export class ActivityDeltaDto {
  @IsInt() @Min(-1_000_000) @Max(1_000_000)
  delta: number;
}
