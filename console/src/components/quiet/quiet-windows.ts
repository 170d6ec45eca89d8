import type { MessageKey } from '../../i18n';
import type { Schemas } from '../../lib/models';

export type QuietWindow = Schemas['QuietWindowDto'];

export const WEEK = [1, 2, 3, 4, 5, 6, 7];
/** Times a window may start or end: every half hour; 24:00 ends at midnight. */
export const TIMES = Array.from({ length: 49 }, (_, i) => `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`);
export const NEW_WINDOW: QuietWindow = { days: [1, 2, 3, 4, 5], start: '09:00', end: '21:00' };

/** The zones the browser knows (Intl), with the usual ones first. */
export function timeZones(): string[] {
  const first = ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Taipei', 'Asia/Singapore', 'Asia/Tokyo', 'Europe/London', 'America/New_York', 'UTC'];
  const all = (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  return [...first, ...all.filter((z) => !first.includes(z))];
}

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** 周一至周五 09:00–21:00 style summary of windows. */
export function describeWindows(windows: QuietWindow[], t: T): string {
  return windows
    .map((w) => {
      const days = [...w.days].sort((a, b) => a - b);
      const dayText =
        days.length === 7
          ? t('quiet.everyDay')
          : days.join() === '1,2,3,4,5'
            ? t('quiet.weekdays')
            : days.map((d) => t(`quiet.dayName.${d}` as MessageKey)).join('、');
      const end = w.end <= w.start ? t('quiet.nextDay', { time: w.end }) : w.end;
      return `${dayText} ${w.start}–${end}`;
    })
    .join('；');
}
