import { IsBoolean, IsInt, Max, Min } from 'class-validator';

export const MAX_CAP_MESSAGES = 1000;
/** 30 days: longer windows are not a frequency cap but a suppression. */
export const MAX_CAP_WINDOW_HOURS = 720;

/** A cap as set: off, or at most `maxMessages` per customer in any `windowHours`. */
export class PutFrequencyCapDto {
  /** Off keeps the numbers (the form shows them again), and nothing is counted or skipped. */
  @IsBoolean()
  enabled: boolean;

  /** At most this many marketing messages per customer in the window. */
  @IsInt()
  @Min(1)
  @Max(MAX_CAP_MESSAGES)
  maxMessages: number;

  /** The rolling window, in hours (24 = any 24 hours, not the calendar day). */
  @IsInt()
  @Min(1)
  @Max(MAX_CAP_WINDOW_HOURS)
  windowHours: number;
}

export class FrequencyCapView {
  enabled: boolean;
  maxMessages: number;
  windowHours: number;
  /** The webhook whose own cap this is; null: the tenant's cap. */
  webhookId: number | null;
  /** null: never set (the defaults shown, off). */
  updatedAt: Date | null;
}
