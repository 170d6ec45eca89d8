/** wait: holds the run for a number of seconds, or until a moment. */
import { JOURNEY_LIMITS } from '../definition-checks';
import type { NodeBase, NodeType } from './node-type';

export interface WaitNode extends NodeBase {
  type: 'wait';
  seconds?: number;
  until?: string;
  next?: string;
}

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** When a wait node ends: now + seconds, or `until` (which may have passed: then at once). */
export function waitEnd(node: WaitNode, now: Date): Date {
  if (node.seconds !== undefined) return new Date(now.getTime() + node.seconds * 1000);
  return new Date(Math.max(now.getTime(), Date.parse(node.until!)));
}

export const waitNode: NodeType<WaitNode> = {
  type: 'wait',
  fields: ['seconds', 'until', 'next'],
  links: ['next'],
  pauses: true,

  validate(node, path, { add }) {
    const hasSeconds = node.seconds !== undefined;
    const hasUntil = node.until !== undefined;
    if (hasSeconds === hasUntil) return add(path, 'wait_one_of', 'must have exactly one of seconds or until');
    if (hasSeconds && !(Number.isInteger(node.seconds) && (node.seconds as number) >= 1 && (node.seconds as number) <= JOURNEY_LIMITS.waitSeconds)) {
      add(`${path}.seconds`, 'is_int', `must be a whole number of seconds from 1 to ${JOURNEY_LIMITS.waitSeconds}`, {
        min: 1,
        max: JOURNEY_LIMITS.waitSeconds,
      });
    }
    if (hasUntil && (typeof node.until !== 'string' || !ISO_WITH_ZONE.test(node.until) || Number.isNaN(Date.parse(node.until)))) {
      add(`${path}.until`, 'is_date_string', 'must be an ISO-8601 date-time with a time zone');
    }
  },

  successor: (node) => node.next ?? null,

  effect: {
    /** A wait already over (an `until` in the past) is done at once; otherwise the run waits (a delayed job wakes it). */
    start(run, node, _ports, now) {
      const due = waitEnd(node, now);
      if (due.getTime() <= now.getTime()) {
        run.log(node, 'done', now, now, { until: due.toISOString() });
        run.advance(node);
      } else {
        run.waitUntil(node, due, now);
      }
      return undefined;
    },

    resume(runs, _ports, now) {
      for (const { run, node } of runs) {
        run.closeStep('done', now);
        run.advance(node);
      }
    },
  },
};
