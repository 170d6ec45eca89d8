import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsString,
  IsTimeZone,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { END_TIME, START_TIME } from '../quiet-window';

/**
 * An allowed sending window in the tenant's time zone. `end` at or before `start` runs over midnight into
 * the next day (21:00–02:00 on Friday = Friday 21:00 to Saturday 02:00; equal = 24 hours).
 */
export class QuietWindowDto {
  /** ISO weekdays the window starts on: 1 = Monday … 7 = Sunday. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  days: number[];

  /** HH:mm, 00:00–23:59. */
  @IsString()
  @Matches(START_TIME)
  start: string;

  /** HH:mm, 00:00–24:00. */
  @IsString()
  @Matches(END_TIME)
  end: string;
}

const Windows = (): PropertyDecorator => (target, key) => {
  IsArray()(target, key);
  ArrayMinSize(1)(target, key);
  ArrayMaxSize(14)(target, key);
  // IsObject: ValidateNested alone lets `[[]]` through (an array inside passes as nested), and the service met it.
  IsObject({ each: true })(target, key);
  ValidateNested({ each: true })(target, key);
  Type(() => QuietWindowDto)(target, key);
};

/** The tenant's quiet hours: messages of mass sends and journeys go only inside the windows (when enabled). */
export class TenantQuietHoursDto {
  /** Off (the default) sends at any time. */
  @IsBoolean()
  enabled: boolean;

  /** IANA time zone the windows are read in, e.g. Asia/Shanghai. */
  @IsString()
  @IsTimeZone()
  timeZone: string;

  @Windows()
  windows: QuietWindowDto[];
}

export const OVERRIDE_MODES = ['inherit', 'custom', 'unrestricted'] as const;
export type OverrideMode = (typeof OVERRIDE_MODES)[number];

/** A webhook's or journey's own quiet hours: its own windows (`custom`, in the tenant's zone) or none (`unrestricted`). */
export class QuietHoursOverrideDto {
  @IsIn(['custom', 'unrestricted'])
  mode: 'custom' | 'unrestricted';

  /** Required for `custom`. */
  @ValidateIf((o: QuietHoursOverrideDto) => o.mode === 'custom' || o.windows !== undefined)
  @Windows()
  windows?: QuietWindowDto[];
}

export class TenantQuietHoursView {
  enabled: boolean;
  timeZone: string;
  windows: QuietWindowDto[];
  /** null while never saved (the default: off). */
  updatedAt: Date | null;
  /** Now: null when marketing messages may go; else when the next window opens (they wait until then). */
  opensAt: Date | null;
}

export class QuietHoursOverrideView {
  /** `inherit`: the tenant's quiet hours apply (no override saved). */
  @IsIn(OVERRIDE_MODES)
  mode: OverrideMode;
  /** The override's windows (empty unless `custom`). */
  windows: QuietWindowDto[];
  /** The zone the windows are read in: the tenant's. */
  timeZone: string;
  /** The tenant's setting, for showing what `inherit` means. */
  tenant: TenantQuietHoursView;
}
