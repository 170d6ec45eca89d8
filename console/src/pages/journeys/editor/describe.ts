import type { MessageKey } from '../../../i18n';
import type { JourneyNode } from '../../../lib/models';
import { fmtTime } from '../../../lib/format';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

function firstCondition(rule: unknown): { text: string; more: number } | null {
  if (!rule || typeof rule !== 'object') return null;
  const r = rule as Record<string, unknown>;
  const list = (r.and ?? r.or) as unknown[] | undefined;
  if (Array.isArray(list)) {
    const first = list.length ? firstCondition(list[0]) : null;
    return first ? { text: first.text, more: first.more + list.length - 1 } : null;
  }
  return { text: `${r.field} ${r.op} ${JSON.stringify(r.value)}`, more: 0 };
}

function duration(t: T, seconds: number): string {
  for (const [unit, s] of [['days', 86400], ['hours', 3600], ['minutes', 60]] as const) {
    if (seconds % s === 0) return `${seconds / s} ${t(`journey.unit.${unit}`)}`;
  }
  return `${seconds} ${t('journey.unit.seconds')}`;
}

/** One line under a node on the canvas: what it does, with names instead of ids. */
export function describeNode(t: T, n: JourneyNode, names: { webhooks: Map<number, string>; groups: Map<number, string> }): string {
  switch (n.type) {
    case 'webhook':
      return n.webhookId ? names.webhooks.get(n.webhookId) ?? `#${n.webhookId}` : t('journey.noWebhook');
    case 'wait':
      return n.until ? t('journey.summary.until', { at: fmtTime(n.until) }) : n.seconds ? t('journey.summary.wait', { d: duration(t, n.seconds) }) : '';
    case 'condition': {
      const c = firstCondition(n.rule);
      return c ? c.text + (c.more ? ` +${c.more}` : '') : '';
    }
    case 'update_customer': {
      const parts = Object.keys(n.set ?? {});
      if (n.activityDelta) parts.push(`${t('journey.activityShort')} ${n.activityDelta > 0 ? '+' : ''}${n.activityDelta}`);
      if (n.addToGroupId) parts.push(`+${names.groups.get(n.addToGroupId) ?? `#${n.addToGroupId}`}`);
      if (n.removeFromGroupId) parts.push(`−${names.groups.get(n.removeFromGroupId) ?? `#${n.removeFromGroupId}`}`);
      return parts.join(', ');
    }
    default:
      return '';
  }
}
