import { customerView, splitName } from './customer-template-view';

describe('customer template view', () => {
  it.each([
    ['Alice Chen', {}, ['Alice', 'Chen']],
    ['Mary Ann Lee', {}, ['Mary Ann', 'Lee']],
    ['王小明', {}, ['小明', '王']],
    ['Cher', {}, ['Cher', null]],
    [null, {}, [null, null]],
    ['王小明', { firstName: 'Ming' }, ['Ming', null]],
  ])('splits %s', (name, attributes, expected) => {
    expect(splitName(name, attributes)).toEqual(expected);
  });

  it('shows dates as ISO strings, the attributes and the split name', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    expect(
      customerView({
        id: 3,
        name: '王小明',
        wechatNickname: null,
        mobile: '138',
        email: null,
        activityScore: 5,
        attributes: { city: 'Shanghai' },
        createdAt: at,
        updatedAt: at,
      }),
    ).toEqual({
      id: 3,
      name: '王小明',
      wechatNickname: null,
      mobile: '138',
      email: null,
      activityScore: 5,
      attributes: { city: 'Shanghai' },
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      unsubscribedAt: null,
      firstName: '小明',
      lastName: '王',
      enabled: true,
    });
  });
});
