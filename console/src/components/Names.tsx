import { Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useT } from '../i18n';
import type { Schemas } from '../lib/models';

type CustomerSummary = Schemas['CustomerSummaryView'];
type NamedRef = Schemas['NamedRefView'];
type Origin = Schemas['MessageOriginView'];

/** "王小明 13900000021" (as the customer picker reads), or whichever of the two there is, or "客户 #14". */
export function customerText(c: CustomerSummary, t: ReturnType<typeof useT>['t']): string {
  const parts = [c.name, c.mobile].filter(Boolean);
  return parts.length ? parts.join(' ') : t('names.customer', { id: c.id });
}

/** A customer by name, linked to their page; "—" without one. */
export function CustomerLink({ customer }: { customer: CustomerSummary | null | undefined }) {
  const { t } = useT();
  if (!customer) return <>—</>;
  return (
    <Link to={`/customers/${customer.id}`} data-testid="customer-link">
      {customerText(customer, t)}
    </Link>
  );
}

/** A webhook by name, linked to its editor. */
export function WebhookLink({ webhook }: { webhook: NamedRef }) {
  const { t } = useT();
  return <Link to={`/webhooks/${webhook.id}`}>{webhook.name ?? t('names.deleted', { id: webhook.id })}</Link>;
}

/** What made a message, by name, linked to it: the send, the journey run, the form's submissions; a fixed event by its type. */
export function OriginLink({ origin }: { origin: Origin }) {
  const { t } = useT();
  const name = origin.name || (origin.id ? t('names.deleted', { id: origin.id }) : null);
  const kind = t(`delivery.source.${origin.source}` as never);
  const link = (to: string, text: string) => (
    // Underlined: it sits in a line of text ("群发 · …"), where color alone does not tell a link (axe link-in-text-block).
    <Link to={to} data-testid="origin-link" style={{ textDecoration: 'underline', textUnderlineOffset: 3 }}>
      {text}
    </Link>
  );
  let body;
  if (origin.source === 'broadcast' && origin.id) body = link(`/sends/${origin.id}`, name!);
  else if (origin.source === 'journey' && origin.id) body = link(`/journey-runs/${origin.id}`, t('names.origin.run', { name: name!, id: origin.id }));
  else if (origin.source === 'form' && origin.parentId)
    body = link(`/forms/${origin.parentId}?tab=submissions`, t('names.origin.submission', { name: name!, id: origin.id! }));
  else if (origin.source === 'event') body = <Typography.Text code>{origin.name}</Typography.Text>;
  else return <>{t('names.origin.test')}</>;
  return (
    <span>
      <Typography.Text type="secondary">{kind} · </Typography.Text>
      {body}
    </span>
  );
}

/** "第 1 次 · 最多 7 次" instead of "1/7"; a skipped message is "不发送", not "not tried yet". */
export function attemptsText(attempts: number, max: number, t: ReturnType<typeof useT>['t'], status?: string): string {
  if (status === 'skipped') return t('names.attemptsSkipped');
  return attempts ? t('names.attempts', { n: attempts, max }) : t('names.attemptsNone', { max });
}

/** Time left until `at` in words ("2 小时 5 分", "45 秒"), refreshed every second. */
export function useTimeLeft(at: string | null | undefined): string | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!at) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [at]);
  if (!at) return null;
  const ms = dayjs(at).valueOf() - now;
  if (ms <= 0) return null;
  const s = Math.floor(ms / 1000);
  const [d, h, m, sec] = [Math.floor(s / 86400), Math.floor((s % 86400) / 3600), Math.floor((s % 3600) / 60), s % 60];
  const zh = dayjs.locale() === 'zh-cn';
  const unit = zh ? { d: ' 天', h: ' 小时', m: ' 分', s: ' 秒' } : { d: 'd', h: 'h', m: 'm', s: 's' };
  const parts = d
    ? [`${d}${unit.d}`, `${h}${unit.h}`]
    : h
      ? [`${h}${unit.h}`, `${m}${unit.m}`]
      : m
        ? [`${m}${unit.m}`, `${sec}${unit.s}`]
        : [`${sec}${unit.s}`];
  return parts.join(zh ? ' ' : ' ');
}

/** "12 分 30 秒后开始" (`bare`: "12 分 30 秒", under a title that says what it counts), live; "即将开始" once due. */
export function Countdown({ at, bare }: { at: string | null | undefined; bare?: boolean }) {
  const { t } = useT();
  const left = useTimeLeft(at);
  return <span data-testid="countdown">{left ? (bare ? left : t('sends.startsIn', { left })) : t('sends.startingNow')}</span>;
}
