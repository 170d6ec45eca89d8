import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsTimeZone } from 'class-validator';
import type { OverviewRange } from '../overview-range';

export const OVERVIEW_RANGES = ['today', '7d'] as const;

export class OverviewQueryDto {
  @ApiPropertyOptional({ enum: OVERVIEW_RANGES, default: 'today', description: 'Today by the hour, or the last 7 days (today included) by the day.' })
  @IsOptional()
  @IsIn(OVERVIEW_RANGES)
  range: OverviewRange = 'today';

  @ApiPropertyOptional({
    example: 'Asia/Shanghai',
    default: 'UTC',
    description:
      "IANA time zone whose days the range follows (the browser's). Days start at the UTC hour holding local midnight: exact for whole-hour offsets.",
  })
  @IsOptional()
  @IsTimeZone()
  tz: string = 'UTC';
}
