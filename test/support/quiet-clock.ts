/** Shanghai wall time (UTC+8, no DST) as an instant: `shanghai(1, '22:00')` is 22:00 tomorrow in Shanghai. */
export function shanghai(daysFromToday: number, time: string): Date {
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const day = new Date(new Date(`${today}T00:00:00Z`).getTime() + daysFromToday * 86_400_000).toISOString().slice(0, 10);
  return new Date(`${day}T${time}:00+08:00`);
}

/** The offset that makes a clock read `at` now (QuietClock.setOffset, or HERALD_CLOCK_OFFSET_MS for a child worker). */
export const offsetTo = (at: Date): number => at.getTime() - Date.now();

/** Every day 09:00–21:00, Asia/Shanghai: the quiet hours the tests use. */
export const DAYTIME = { enabled: true, timeZone: 'Asia/Shanghai', windows: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '09:00', end: '21:00' }] };
