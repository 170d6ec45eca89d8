/**
 * The one-click unsubscribe page (`/u/<token>`), in the micro-page style of the public forms:
 * server-rendered, no JavaScript, readable on a phone; Chinese by default, English when asked.
 * The confirmation is a POST, so a mail client's link scanner that follows the GET unsubscribes
 * nobody. Every output is escaped. Pure.
 */
import { Liquid } from 'liquidjs';

const engine = new Liquid({ outputEscape: 'escape', strictFilters: true, strictVariables: true, ownPropertyOnly: true });

export type PageLang = 'zh' | 'en';
export type UnsubscribeState = 'confirm' | 'done' | 'invalid' | 'rate_limited';

const TEXT: Record<PageLang, Record<UnsubscribeState, { title: string; message: string }> & { button: string; resubscribeHint: string }> = {
  zh: {
    confirm: { title: '退订营销消息', message: '确认后，你将不再收到我们的活动推送等营销消息。订单、优惠券等服务通知不受影响。' },
    done: { title: '已退订', message: '你已成功退订，不会再收到我们的营销消息。' },
    invalid: { title: '链接无效', message: '这个退订链接无效或已失效。如仍收到不想要的消息，请直接回复联系我们。' },
    rate_limited: { title: '操作太频繁', message: '请稍后再试。' },
    button: '确认退订',
    resubscribeHint: '如果是误操作，请联系我们恢复订阅。',
  },
  en: {
    confirm: {
      title: 'Unsubscribe from marketing messages',
      message: 'Once you confirm, you will no longer receive our promotions and other marketing messages. Order and coupon notices are not affected.',
    },
    done: { title: 'Unsubscribed', message: 'You have been unsubscribed and will no longer receive our marketing messages.' },
    invalid: { title: 'Link not valid', message: 'This unsubscribe link is not valid. If unwanted messages keep coming, please reply to contact us.' },
    rate_limited: { title: 'Too many requests', message: 'Please try again in a moment.' },
    button: 'Unsubscribe',
    resubscribeHint: 'Unsubscribed by mistake? Contact us to subscribe again.',
  },
};

const STYLE = `*{box-sizing:border-box}
body{margin:0;background:#f5f6f8;color:#1f2329;font:16px/1.5 -apple-system,BlinkMacSystemFont,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC",sans-serif}
main{max-width:560px;margin:0 auto;padding:24px 16px 40px}
.card{background:#fff;border-radius:8px;padding:24px 20px}
h1{font-size:22px;line-height:1.3;margin:0 0 12px}
p{color:#4e5969;margin:0 0 20px}
.hint{font-size:14px;color:#4e5969;margin:0}
.ok{display:block;width:48px;height:48px;margin:0 0 12px}
button{display:block;width:100%;padding:12px;font:inherit;font-weight:600;color:#fff;background:#1664ff;border:0;border-radius:6px;cursor:pointer}`;

const PAGE = engine.parse(`<!doctype html>
<html lang="{{ htmlLang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{{ title }}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<div class="card">
{% if done %}<svg class="ok" viewBox="0 0 48 48" aria-hidden="true"><circle cx="24" cy="24" r="24" fill="#e8f7ee"/><path d="M14 24.5l7 7 13-14" fill="none" stroke="#00a85a" stroke-width="4" stroke-linecap="round" stroke-linejoin="round"/></svg>
{% endif %}<h1>{{ title }}</h1>
<p{% if alert %} role="alert"{% endif %}>{{ message }}</p>
{% if confirm %}<form method="post" accept-charset="utf-8">
<button type="submit">{{ button }}</button>
</form>
{% endif %}{% if done %}<p class="hint">{{ hint }}</p>
{% endif %}</div>
</main>
</body>
</html>
`);

/** The page for a state. The confirm button posts back to the page's own URL (no action: right behind any proxy prefix, `?lang` kept). */
export function renderUnsubscribePage(state: UnsubscribeState, lang: PageLang): string {
  const text = TEXT[lang];
  return engine.renderSync(PAGE, {
    htmlLang: lang === 'zh' ? 'zh-CN' : 'en',
    ...text[state],
    alert: state === 'invalid' || state === 'rate_limited',
    confirm: state === 'confirm',
    done: state === 'done',
    button: text.button,
    hint: text.resubscribeHint,
  }) as string;
}

/** `?lang=en|zh` wins; else the first of zh/en the browser's Accept-Language prefers; else Chinese. */
export function pageLang(query: unknown, accepts: (langs: string[]) => string | false): PageLang {
  if (query === 'en' || query === 'zh') return query;
  return accepts(['zh', 'en']) === 'en' ? 'en' : 'zh';
}
