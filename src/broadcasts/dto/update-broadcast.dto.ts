import { IsDateString, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

/** Reschedule or rename a broadcast that has not started. */
export class UpdateBroadcastDto {
  @IsOptional() @IsDateString({ strict: true, strictSeparator: true }, { message: 'scheduledAt must be an ISO-8601 date-time' })
  scheduledAt?: string;

  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200)
  name?: string;
}
