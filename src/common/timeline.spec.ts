import { TimelineEntry, decodeTimelineCursor, encodeTimelineCursor, mergeTimeline, timelineBefore, timelineOrder } from './timeline';

const entry = (ms: number, kind: TimelineEntry['kind'], id: string): TimelineEntry => ({
  kind,
  id,
  at: new Date(ms),
  title: null,
  status: 'x',
  link: null,
  via: null,
});

describe('timeline', () => {
  it('orders newest first, then by kind and id descending (numeric ids as numbers)', () => {
    const list = [entry(1, 'message', 'a'), entry(2, 'event', '9'), entry(2, 'event', '10'), entry(2, 'message', 'b')].sort(timelineOrder);
    expect(list.map((e) => `${e.kind}:${e.id}`)).toEqual(['message:b', 'event:10', 'event:9', 'message:a']);
  });

  it('merges sources into one page whose cursor resumes without gaps or repeats', () => {
    const sources = [
      [entry(5, 'message', 'a5'), entry(3, 'message', 'a3'), entry(1, 'message', 'a1')],
      [entry(4, 'event', '4'), entry(3, 'event', '3')],
    ];
    const first = mergeTimeline(sources, 3);
    expect(first.items.map((e) => e.id)).toEqual(['a5', '4', 'a3']);
    expect(first.nextCursor).toBe('3.message.a3');
    const cursor = decodeTimelineCursor(first.nextCursor as string);
    expect(cursor).toEqual({ at: new Date(3), kind: 'message', id: 'a3' });
    // event sorts below message at the same time: an event at the cursor's time is still to come.
    expect(timelineBefore('event', cursor, 'e.at', 'e.id').sql).toBe('e.at <= :tlAt');
    expect(timelineBefore('message', cursor, 'd.at', 'd.id').sql).toBe('(d.at < :tlAt OR (d.at = :tlAt AND d.id < :tlId))');
    expect(timelineBefore('journey_run', cursor, 'r.at', 'r.id').sql).toBe('r.at <= :tlAt');
    expect(mergeTimeline([[entry(3, 'event', '3')], [entry(1, 'message', 'a1')]], 3)).toEqual({
      items: [entry(3, 'event', '3'), entry(1, 'message', 'a1')],
      nextCursor: null,
    });
  });

  it('refuses cursors that are not its own', () => {
    expect(decodeTimelineCursor('abc')).toBeNull();
    expect(decodeTimelineCursor('1.nope.3')).toBeNull();
    expect(encodeTimelineCursor(entry(7, 'form_submission', '12'))).toBe('7.form_submission.12');
  });
});
