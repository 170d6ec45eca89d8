import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Omittable } from '../../common/validation';

/** Reschedule or rename a broadcast that has not started. */
export class UpdateBroadcastDto {
  @ApiPropertyOptional({ type: 'string', format: 'date-time' })
  @Omittable()
  @IsDateString({ strict: true, strictSeparator: true }, { message: 'scheduledAt must be an ISO-8601 date-time' })
  scheduledAt?: string;

  @Omittable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;
}
