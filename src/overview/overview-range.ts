const HOUR_MS = 3_600_000;

export type OverviewRange = 'today' | '7d';

/** The period the overview shows and the buckets of its chart (each a start instant). */
export interface RangeWindow {
  from: Date;
  to: Date;
  granularity: 'hour' | 'day';
  buckets: Date[];
}

function floorHour(ms: number): number {
  return Math.floor(ms / HOUR_MS) * HOUR_MS;
}

/** How far the zone's wall clock is ahead of UTC at `at` (ms). */
export function zoneOffsetMs(timeZone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant the local day `daysBack` days before `now`'s started in the zone (DST-aware). */
export function localMidnight(timeZone: string, now: Date, daysBack = 0): Date {
  const wallNow = new Date(now.getTime() + zoneOffsetMs(timeZone, now));
  const wallMidnight = Date.UTC(wallNow.getUTCFullYear(), wallNow.getUTCMonth(), wallNow.getUTCDate() - daysBack);
  const guess = wallMidnight - zoneOffsetMs(timeZone, new Date(wallMidnight));
  return new Date(wallMidnight - zoneOffsetMs(timeZone, new Date(guess)));
}

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/**
 * Today (hourly buckets) or the last 7 local days including today (daily buckets) in the zone.
 * The counters are kept per UTC hour, so a day starts at the UTC hour holding its local
 * midnight: exact for whole-hour offsets; in a :30/:45 zone (India, Nepal) a day takes in the
 * last 30/45 minutes of the day before.
 */
export function rangeWindow(range: OverviewRange, timeZone: string, now: Date): RangeWindow {
  const to = new Date(floorHour(now.getTime()) + HOUR_MS);
  if (range === 'today') {
    const from = new Date(floorHour(localMidnight(timeZone, now).getTime()));
    const buckets: Date[] = [];
    for (let t = from.getTime(); t < to.getTime(); t += HOUR_MS) buckets.push(new Date(t));
    return { from, to, granularity: 'hour', buckets };
  }
  const buckets = [6, 5, 4, 3, 2, 1, 0].map((d) => new Date(floorHour(localMidnight(timeZone, now, d).getTime())));
  return { from: buckets[0], to, granularity: 'day', buckets };
}

/** The bucket (index) an hour falls in: the last one starting at or before it; -1 before the first. */
export function bucketIndex(buckets: Date[], hour: Date): number {
  let i = -1;
  for (let k = 0; k < buckets.length && buckets[k].getTime() <= hour.getTime(); k++) i = k;
  return i;
}
