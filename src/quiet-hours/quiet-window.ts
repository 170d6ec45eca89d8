import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/**
 * An allowed sending window: on these ISO weekdays (1 = Monday … 7 = Sunday), from `start` to `end`
 * (HH:mm, wall time in the tenant's zone). `end` may be 24:00. An `end` before `start` runs over
 * midnight: 21:00–02:00 on Friday allows Friday 21:00 to Saturday 02:00 (the day is the one it starts on).
 */
export interface QuietWindow {
  days: number[];
  start: string;
  end: string;
}

/** Open now (until when, null = for good), or closed (until when it opens, null = never). */
export type WindowState = { open: true; until: Date | null } | { open: false; opensAt: Date | null };

export const START_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
export const END_TIME = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

/** Whether `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: unknown): zone is string {
  if (typeof zone !== 'string' || !zone) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The windows as instants over the days around `now` (yesterday's may still run into today), merged and sorted. */
function intervals(windows: QuietWindow[], tz: string, now: Date): [number, number][] {
  const today = dayjs(now).tz(tz).format('YYYY-MM-DD');
  const spans: [number, number][] = [];
  for (let offset = -1; offset <= 8; offset++) {
    // Calendar arithmetic on the date alone (at noon UTC), so a DST change in the zone cannot shift the day.
    const day = dayjs.utc(`${today}T12:00:00Z`).add(offset, 'day');
    const date = day.format('YYYY-MM-DD');
    const iso = day.day() || 7;
    for (const w of windows) {
      if (!w.days.includes(iso)) continue;
      const start = dayjs.tz(`${date} ${w.start}`, tz).valueOf();
      const overnight = w.end <= w.start;
      const endDate = overnight || w.end === '24:00' ? day.add(1, 'day').format('YYYY-MM-DD') : date;
      const end = dayjs.tz(`${endDate} ${w.end === '24:00' ? '00:00' : w.end}`, tz).valueOf();
      if (end > start) spans.push([start, end]);
    }
  }
  spans.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([...s]);
  }
  return merged;
}

/** Where `now` stands against the windows in zone `tz`. */
export function windowState(windows: QuietWindow[], tz: string, now: Date): WindowState {
  const t = now.getTime();
  const spans = intervals(windows, tz, now);
  const current = spans.find(([s, e]) => s <= t && t < e);
  if (current) {
    // A run that reaches the end of the horizon (every day, all day) is open for good as far as we look.
    const horizon = spans[spans.length - 1] === current && current[1] - t > 7 * 86_400_000;
    return { open: true, until: horizon ? null : new Date(current[1]) };
  }
  const next = spans.find(([s]) => s > t);
  return { open: false, opensAt: next ? new Date(next[0]) : null };
}

/** null when a message may go now, else the instant the next window opens (windows that never open throw). */
export function nextOpening(windows: QuietWindow[], tz: string, now: Date): Date | null {
  const state = windowState(windows, tz, now);
  if (state.open) return null;
  if (!state.opensAt) throw new Error('no sending window ever opens');
  return state.opensAt;
}
