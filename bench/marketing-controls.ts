/**
 * Marketing controls a benchmark turns on before its send, each by a flag, configured so that every
 * message still goes (the window open): what is measured is their cost, not their effect.
 *   --frequency-cap N/HOURS   the tenant's cap, e.g. 3/24 (each recipient gets one message: none is skipped)
 *   --quiet-hours HH:mm-HH:mm the tenant's allowed window on every weekday, e.g. 00:00-24:00 (always open: every
 *                             message is decided, none is held)
 */
import { api, stringArg } from './support';

interface Control {
  flag: string;
  /** Applies the flag's value for the tenant; answers a line for the report. */
  apply(base: string, key: string, value: string): Promise<string>;
}

const CONTROLS: Control[] = [
  {
    flag: 'frequency-cap',
    async apply(base, key, value) {
      const [maxMessages, windowHours] = value.split('/').map(Number);
      if (!(maxMessages >= 1) || !(windowHours >= 1)) throw new Error(`--frequency-cap wants N/HOURS (e.g. 3/24), not ${value}`);
      await api(base, 'PUT', '/api/frequency-caps', { enabled: true, maxMessages, windowHours }, key);
      return `frequency cap ${maxMessages} per ${windowHours} h`;
    },
  },
  {
    flag: 'quiet-hours',
    async apply(base, key, value) {
      const [start, end] = value.split('-');
      if (!/^\d\d:\d\d$/.test(start ?? '') || !/^\d\d:\d\d$/.test(end ?? ''))
        throw new Error(`--quiet-hours wants HH:mm-HH:mm (e.g. 00:00-24:00), not ${value}`);
      const windows = [{ days: [1, 2, 3, 4, 5, 6, 7], start, end }];
      await api(base, 'PUT', '/api/quiet-hours', { enabled: true, timeZone: 'Asia/Shanghai', windows }, key);
      return `quiet hours: sending allowed ${start}–${end} Asia/Shanghai, every day`;
    },
  },
];

/** Turns on the controls named on the command line; answers what was configured ('none' when nothing). */
export async function applyMarketingControls(base: string, key: string): Promise<string> {
  const applied: string[] = [];
  for (const c of CONTROLS) {
    const value = stringArg(c.flag);
    if (value !== undefined) applied.push(await c.apply(base, key, value));
  }
  return applied.length ? applied.join(', ') : 'none';
}
