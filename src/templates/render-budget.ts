import type { Env } from '../config/env';

/**
 * What one message may spend on Liquid: wall time, LiquidJS's memory units and output characters,
 * shared by every leaf of its template. LiquidJS checks its `renderLimit` per render() call, and we
 * render each JSON leaf separately, so its own options would let a template of many leaves take
 * many times the limit; we hand it limiters that belong to the message instead. Pure.
 */
export interface RenderLimits {
  /** Wall time for all of one message's Liquid (checked between Liquid nodes, e.g. per loop iteration). */
  timeMs: number;
  /** LiquidJS memoryLimit units: range and array elements, string filter input/output characters. */
  memory: number;
  /** Characters Liquid may write for one message (its rendered body is capped separately, in bytes). */
  outputChars: number;
}

export const DEFAULT_RENDER_LIMITS: RenderLimits = { timeMs: 50, memory: 1_000_000, outputChars: 256 * 1024 };

/** The per-message template limits the deployment sets (TEMPLATE_*_LIMIT*). */
export function renderLimits(env: Env): RenderLimits {
  return { timeMs: env.TEMPLATE_TIME_LIMIT_MS, memory: env.TEMPLATE_MEMORY_LIMIT, outputChars: env.TEMPLATE_OUTPUT_LIMIT_BYTES };
}

export type LimitKind = 'time' | 'memory' | 'output';

/** A message went past one of its limits. */
export class RenderLimitError extends Error {
  /** `max`: the limit (ms, memory units or characters). */
  constructor(
    readonly kind: LimitKind,
    readonly max: number,
    message: string,
  ) {
    super(message);
  }
}

/** LiquidJS's Limiter interface: `use` charges an amount, `check` compares a value (a clock reading). */
class Limiter {
  private used = 0;

  /** `max`: the limit as configured (for time, `limit` is the deadline it gives). */
  constructor(
    private readonly limit: number,
    private readonly kind: LimitKind,
    private readonly max: number,
    private readonly message: string,
  ) {}

  use(count: number): void {
    if (+count > 0 && (this.used += +count) > this.limit) throw new RenderLimitError(this.kind, this.max, this.message);
  }

  check(value: number): void {
    if (+value > this.limit) throw new RenderLimitError(this.kind, this.max, this.message);
  }
}

/** LiquidJS's stringify for plain JSON values (no Drops in our contexts). */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(text).join('');
  return String(value);
}

export class RenderBudget {
  readonly limiters: { renderLimit: Limiter; memoryLimit: Limiter };
  private written = 0;

  constructor(
    private readonly limits: RenderLimits,
    now = performance.now(),
  ) {
    this.limiters = {
      // LiquidJS calls renderLimit.check(performance.now()): the limit is a deadline.
      renderLimit: new Limiter(now + limits.timeMs, 'time', limits.timeMs, `took longer than ${limits.timeMs} ms to render (twice)`),
      memoryLimit: new Limiter(
        limits.memory,
        'memory',
        limits.memory,
        `allocates more than ${limits.memory} template memory units (ranges, loops, string filters)`,
      ),
    };
  }

  /** An emitter for one leaf; what every leaf writes counts against the message's output limit. */
  emitter(): { buffer: string; write(html: unknown): void } {
    const count = (s: string) => this.count(s);
    return {
      buffer: '',
      write(html: unknown) {
        const s = text(html);
        count(s);
        this.buffer += s;
      },
    };
  }

  private count(s: string): void {
    this.written += s.length;
    if (this.written > this.limits.outputChars)
      throw new RenderLimitError('output', this.limits.outputChars, `renders more than ${this.limits.outputChars} characters`);
  }
}
