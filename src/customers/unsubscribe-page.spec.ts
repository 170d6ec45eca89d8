import { pageLang, renderUnsubscribePage } from './unsubscribe-page';

describe('unsubscribe page', () => {
  it('asks with a POST button, in Chinese by default', () => {
    const html = renderUnsubscribePage('confirm', 'zh');
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<form method="post"');
    expect(html).toContain('确认退订');
  });

  it('has English, and no button once done or for a bad link', () => {
    expect(renderUnsubscribePage('confirm', 'en')).toContain('>Unsubscribe</button>');
    for (const state of ['done', 'invalid', 'rate_limited'] as const) expect(renderUnsubscribePage(state, 'zh')).not.toContain('<form');
    expect(renderUnsubscribePage('invalid', 'en')).toContain('role="alert"');
  });

  it('picks the language from ?lang, else Accept-Language, else Chinese', () => {
    expect(pageLang('en', () => 'zh')).toBe('en');
    expect(pageLang(undefined, () => 'en')).toBe('en');
    expect(pageLang(['en', 'zh'], () => false)).toBe('zh');
    expect(pageLang('fr', () => 'zh')).toBe('zh');
  });
});
