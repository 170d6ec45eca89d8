import { isTimeZone, nextOpening, QuietWindow, windowState } from './quiet-window';

const WEEKDAYS_9_TO_21: QuietWindow[] = [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '21:00' }];
const EVERY_DAY_9_TO_21: QuietWindow[] = [{ days: [1, 2, 3, 4, 5, 6, 7], start: '09:00', end: '21:00' }];
const SH = 'Asia/Shanghai';

/** An instant given as Shanghai wall time (UTC+8, no DST). */
const sh = (wall: string) => new Date(`${wall}+08:00`);

describe('nextOpening', () => {
  it('is null inside the window', () => {
    expect(nextOpening(EVERY_DAY_9_TO_21, SH, sh('2026-12-04T09:00:00'))).toBeNull();
    expect(nextOpening(EVERY_DAY_9_TO_21, SH, sh('2026-12-04T20:59:59'))).toBeNull();
  });

  it('after the window closes: the next morning', () => {
    expect(nextOpening(EVERY_DAY_9_TO_21, SH, sh('2026-12-04T21:00:00'))).toEqual(sh('2026-12-05T09:00:00'));
    expect(nextOpening(EVERY_DAY_9_TO_21, SH, sh('2026-12-04T22:00:00'))).toEqual(sh('2026-12-05T09:00:00'));
  });

  it('before it opens: this morning', () => {
    expect(nextOpening(EVERY_DAY_9_TO_21, SH, sh('2026-12-05T03:10:00'))).toEqual(sh('2026-12-05T09:00:00'));
  });

  it('weekdays only: Friday night waits for Monday', () => {
    // 2026-12-04 is a Friday.
    expect(nextOpening(WEEKDAYS_9_TO_21, SH, sh('2026-12-04T22:00:00'))).toEqual(sh('2026-12-07T09:00:00'));
    expect(nextOpening(WEEKDAYS_9_TO_21, SH, sh('2026-12-06T12:00:00'))).toEqual(sh('2026-12-07T09:00:00'));
  });

  it('reads the wall time in the zone, not the server: 22:00 in Shanghai is 14:00 UTC', () => {
    expect(nextOpening(EVERY_DAY_9_TO_21, SH, new Date('2026-12-04T14:00:00Z'))).toEqual(new Date('2026-12-05T01:00:00Z'));
    expect(nextOpening(EVERY_DAY_9_TO_21, 'UTC', new Date('2026-12-04T14:00:00Z'))).toBeNull();
  });

  it('a window over midnight belongs to the day it starts', () => {
    const night: QuietWindow[] = [{ days: [5], start: '21:00', end: '02:00' }];
    expect(nextOpening(night, SH, sh('2026-12-05T01:30:00'))).toBeNull(); // Saturday 01:30, from Friday's window
    expect(nextOpening(night, SH, sh('2026-12-05T02:00:00'))).toEqual(sh('2026-12-11T21:00:00'));
    expect(nextOpening(night, SH, sh('2026-12-04T20:00:00'))).toEqual(sh('2026-12-04T21:00:00'));
  });

  it('end 24:00 runs to midnight; adjacent windows join', () => {
    const w: QuietWindow[] = [
      { days: [5], start: '18:00', end: '24:00' },
      { days: [6], start: '00:00', end: '08:00' },
    ];
    expect(windowState(w, SH, sh('2026-12-04T23:00:00'))).toEqual({ open: true, until: sh('2026-12-05T08:00:00') });
  });

  it('across a DST change: New York opens at 09:00 local both sides of it', () => {
    // DST ends 2026-11-01 in New York (UTC-4 → UTC-5).
    expect(nextOpening(EVERY_DAY_9_TO_21, 'America/New_York', new Date('2026-10-31T23:00:00-04:00'))).toEqual(new Date('2026-11-01T09:00:00-05:00'));
  });

  it('all day every day is open for good', () => {
    const always: QuietWindow[] = [{ days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00' }];
    expect(windowState(always, SH, sh('2026-12-04T12:00:00'))).toEqual({ open: true, until: null });
  });

  it('windows that never open throw', () => {
    expect(() => nextOpening([], SH, new Date())).toThrow(/no sending window ever opens/);
  });
});

describe('isTimeZone', () => {
  it('knows IANA zones and nothing else', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});
