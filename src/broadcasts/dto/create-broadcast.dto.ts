import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsInt, IsNotEmpty, IsString, Max, MaxLength, Min } from 'class-validator';
import { Omittable } from '../../common/validation';

export class CreateBroadcastDto {
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  webhookId: number;

  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  groupId: number;

  /** ISO-8601 with a time zone; omitted: start now. */
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
