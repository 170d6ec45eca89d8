import { mapPage, toPage } from './pagination';

describe('toPage', () => {
  it('has a cursor only when a row beyond the limit was fetched', () => {
    expect(toPage([{ id: 1 }, { id: 2 }], 2)).toEqual({ items: [{ id: 1 }, { id: 2 }], nextCursor: null });
    expect(toPage([{ id: 1 }, { id: 2 }, { id: 3 }], 2)).toEqual({ items: [{ id: 1 }, { id: 2 }], nextCursor: '2' });
  });

  it('takes string ids (UUIDv7 message ids) as they are', () => {
    const ids = ['0190a0b0-0000-7000-8000-000000000003', '0190a0b0-0000-7000-8000-000000000002', '0190a0b0-0000-7000-8000-000000000001'];
    expect(
      toPage(
        ids.map((id) => ({ id })),
        2,
      ).nextCursor,
    ).toBe(ids[1]);
  });

  it('reads the cursor from another field when told', () => {
    expect(toPage([{ version: 9 }, { version: 8 }], 1, (v) => v.version)).toEqual({ items: [{ version: 9 }], nextCursor: '9' });
  });

  it('mapPage turns items into views and keeps the cursor', () => {
    expect(mapPage({ items: [{ id: 4 }], nextCursor: '4' }, (r) => `#${r.id}`)).toEqual({ items: ['#4'], nextCursor: '4' });
  });
});
