import { Injectable } from '@nestjs/common';
import { Env } from '../config/env';

/**
 * "Now" for quiet hours, in one place a test can move: a test app calls setOffset(); a worker child
 * process reads HERALD_CLOCK_OFFSET_MS. Both only when NODE_ENV=test; in production this is Date.now().
 */
@Injectable()
export class QuietClock {
  private offsetMs = 0;

  constructor(private readonly env: Env) {
    if (env.NODE_ENV === 'test') this.offsetMs = Number(process.env.HERALD_CLOCK_OFFSET_MS ?? 0) || 0;
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Tests only: the clock reads `ms` ahead of (or behind) the real one. */
  setOffset(ms: number): void {
    if (this.env.NODE_ENV !== 'test') throw new Error('the quiet-hours clock moves only under NODE_ENV=test');
    this.offsetMs = ms;
  }
}
