import { useQuery } from '@tanstack/react-query';
import { Button, Col, DatePicker, Flex, Grid, Result, Row, Select, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState, type HTMLAttributes } from 'react';
import { Link, useSearchParams } from 'react-router';
import { KeysetTable } from '../../components/KeysetTable';
import { useT, type MessageKey } from '../../i18n';
import { client, data } from '../../lib/api';
import { fmtTime } from '../../lib/format';
import { useKeyset } from '../../lib/useKeyset';
import { useAccess } from '../settings/access';
import { fetchAuditPage } from './audit-api';
import { ACTOR_TYPES, AUDIT_ACTIONS, AUDIT_RESOURCES, diffValue, resourcePath, type AuditEntry, type AuditQuery } from './audit-model';

/** A value from the URL if it is one of the document's values. */
function oneOf<T extends string>(values: readonly T[], value: string | null | undefined): T | undefined {
  return values.find((v) => v === value);
}

const ACTION_COLOR: Record<string, string> = {
  created: 'success',
  deleted: 'error',
  revoked: 'error',
  sign_in_failed: 'error',
  role_changed: 'purple',
  secret_rotated: 'warning',
  key_rotated: 'warning',
  started: 'blue',
  cancelled: 'warning',
};

/** Who did it: the user's email, the key's name and prefix, 系统, or on a failed sign-in the email typed. */
function Actor({ actor }: { actor: AuditEntry['actor'] }) {
  const { t } = useT();
  const kind = t(`audit.actor.${actor.type}` as MessageKey);
  if (actor.type === 'system') return <Tag>{kind}</Tag>;
  return (
    <Flex vertical style={{ maxWidth: 220 }}>
      <span style={{ wordBreak: 'break-all' }}>{actor.label ?? (actor.id ? `#${actor.id}` : '—')}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {kind}
      </Typography.Text>
    </Flex>
  );
}

function When({ at }: { at: string }) {
  return (
    <Flex vertical style={{ whiteSpace: 'nowrap' }}>
      <span>{fmtTime(at).slice(0, 10)}</span>
      <Typography.Text type="secondary">{fmtTime(at).slice(11)}</Typography.Text>
    </Flex>
  );
}

function ActionTag({ entry }: { entry: AuditEntry }) {
  const { t } = useT();
  return (
    <Tag color={ACTION_COLOR[entry.action]} data-testid="audit-action">
      {t(`audit.action.${entry.action}`)}
    </Tag>
  );
}

/** What was changed, linking to where the console shows it (a deleted object has no page left to open). */
function ObjectRef({ entry }: { entry: AuditEntry }) {
  const { t } = useT();
  const name = t(`audit.resource.${entry.resource}`);
  const text = entry.resourceId ? `${name} #${entry.resourceId}` : name;
  const to = entry.action === 'deleted' ? null : resourcePath(entry.resource, entry.resourceId);
  return (
    <span style={{ whiteSpace: 'nowrap' }} data-testid="audit-object">
      {to ? <Link to={to}>{text}</Link> : text}
    </span>
  );
}

const FOLD = 6;

/** The fields changed: `field: from → to` (created: only to; deleted: only from). Values come masked from the API. */
function Diff({ diff }: { diff: AuditEntry['diff'] }) {
  const { t } = useT();
  // A creation's empty fields say nothing.
  const fields = Object.entries(diff ?? {}).filter(([, c]) => 'from' in c || (c.to !== null && c.to !== undefined));
  // A long one (a creation lists every field) is folded after the first few.
  const [open, setOpen] = useState(false);
  if (!fields.length) return <Typography.Text type="secondary">—</Typography.Text>;
  const folds = fields.length > FOLD + 1;
  const shown = folds && !open ? fields.slice(0, FOLD) : fields;
  return (
    <Flex vertical gap={2} align="flex-start" style={{ maxWidth: 420, fontSize: 12 }} data-testid="audit-diff">
      {shown.map(([field, change]) => (
        <div key={field} style={{ wordBreak: 'break-word' }}>
          <Typography.Text code>{field}</Typography.Text>{' '}
          {'from' in change ? <Typography.Text delete={'to' in change ? false : true}>{diffValue(change.from)}</Typography.Text> : null}
          {'from' in change && 'to' in change ? ' → ' : null}
          {'to' in change ? <Typography.Text strong>{diffValue(change.to)}</Typography.Text> : null}
          {!('to' in change) ? <Typography.Text type="secondary"> {t('audit.removed')}</Typography.Text> : null}
        </div>
      ))}
      {folds ? (
        <Button type="link" size="small" style={{ padding: 0, height: 'auto', fontSize: 12 }} onClick={() => setOpen(!open)} data-testid="diff-more">
          {open ? t('audit.less') : t('audit.more', { n: fields.length - FOLD })}
        </Button>
      ) : null}
    </Flex>
  );
}

/** 审计日志 for owners and admins (audit:read); anyone else reached it by its address and is told so. */
export default function AuditLog() {
  const { t } = useT();
  const { can } = useAccess();
  if (!can('audit:read')) return <Result status="403" title={t('audit.title')} subTitle={t('team.noAccess')} />;
  return <AuditScreen />;
}

/** Who changed what, newest first, filtered by who, what kind of object, action and time; 加载更多 follows the cursor. */
function AuditScreen() {
  const { t } = useT();
  const { can } = useAccess();
  const phone = !Grid.useBreakpoint().md;
  const [params, setParams] = useSearchParams();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const actor = params.get('actor') ?? undefined;
  const [actorType, actorId] = (actor ?? '').split(':');
  const filters: AuditQuery = {
    actorType: oneOf(ACTOR_TYPES, actorType),
    actorId: actorId ? Number(actorId) : undefined,
    resource: oneOf(AUDIT_RESOURCES, params.get('resource')),
    action: oneOf(AUDIT_ACTIONS, params.get('action')),
    from: range?.[0]?.toDate().toISOString(),
    to: range?.[1]?.toDate().toISOString(),
  };
  const setFilter = (key: string, value: string | undefined | null) => {
    const next = new URLSearchParams(params);
    if (!value) next.delete(key);
    else next.set(key, value);
    setParams(next, { replace: true });
  };
  // The pickers' people and keys (what a person may read of them).
  const users = useQuery({
    queryKey: ['console-users'],
    queryFn: () => data(client.GET('/api/console-users', { params: { query: { limit: 1000 } } })),
    enabled: can('users:read'),
  });
  const keys = useQuery({
    queryKey: ['api-keys'],
    queryFn: () => data(client.GET('/api/api-keys', { params: { query: { limit: 1000 } } })),
    enabled: can('keys:read'),
  });
  const list = useKeyset(['audit-log', filters], (after, signal) => fetchAuditPage({ ...filters, after }, signal));

  return (
    <>
      <Typography.Title level={4}>{t('audit.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('audit.intro')}</Typography.Paragraph>
      <Row gutter={[8, 8]} style={{ marginBottom: 16 }}>
        <Col xs={24} md={6}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('audit.filterActor')}
            aria-label={t('audit.filterActor')}
            value={actor}
            onChange={(v) => setFilter('actor', v)}
            style={{ width: '100%' }}
            data-testid="filter-actor"
            options={[
              { label: t('audit.users'), title: t('audit.users'), options: (users.data?.items ?? []).map((u) => ({ value: `user:${u.id}`, label: u.email })) },
              {
                label: t('audit.keys'),
                title: t('audit.keys'),
                options: (keys.data?.items ?? []).map((k) => ({ value: `apiKey:${k.id}`, label: `${k.name} (${k.prefix})` })),
              },
              {
                label: t('audit.others'),
                title: t('audit.others'),
                options: [
                  { value: 'system', label: t('audit.actor.system') },
                  { value: 'anonymous', label: t('audit.actor.anonymous') },
                ],
              },
            ]}
          />
        </Col>
        <Col xs={12} md={5}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('audit.filterResource')}
            aria-label={t('audit.filterResource')}
            value={filters.resource}
            onChange={(v) => setFilter('resource', v)}
            style={{ width: '100%' }}
            data-testid="filter-resource"
            options={AUDIT_RESOURCES.map((r) => ({ value: r, label: t(`audit.resource.${r}`) }))}
          />
        </Col>
        <Col xs={12} md={5}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('audit.filterAction')}
            aria-label={t('audit.filterAction')}
            value={filters.action}
            onChange={(v) => setFilter('action', v)}
            style={{ width: '100%' }}
            data-testid="filter-action"
            options={AUDIT_ACTIONS.map((a) => ({ value: a, label: t(`audit.action.${a}`) }))}
          />
        </Col>
        <Col xs={24} md={8}>
          <Flex gap={8}>
            <DatePicker.RangePicker showTime value={range} onChange={(v) => setRange(v)} style={{ flex: 1, minWidth: 0 }} data-testid="filter-range" />
            <Button
              onClick={() => {
                setRange(null);
                setParams(new URLSearchParams(), { replace: true });
              }}
            >
              {t('audit.reset')}
            </Button>
          </Flex>
        </Col>
      </Row>
      <KeysetTable<AuditEntry>
        list={list}
        size="small"
        emptyText={t('audit.empty')}
        data-testid="audit-table"
        onRow={(e) => ({ 'data-testid': `audit-${e.id}` }) as HTMLAttributes<HTMLElement>}
        columns={
          phone
            ? [
                {
                  title: t('audit.title'),
                  key: 'entry',
                  // A phone gets each entry as one block: when and from where, who, what, the changes.
                  render: (_, e) => (
                    <Flex vertical gap={4} style={{ minWidth: 0 }}>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {fmtTime(e.at)} · <code>{e.ip ?? '—'}</code>
                      </Typography.Text>
                      <Actor actor={e.actor} />
                      <span>
                        <ActionTag entry={e} /> <ObjectRef entry={e} />
                      </span>
                      <Diff diff={e.diff} />
                    </Flex>
                  ),
                },
              ]
            : [
                { title: t('audit.at'), dataIndex: 'at', render: (at: string) => <When at={at} /> },
                { title: t('audit.actor'), key: 'actor', render: (_, e) => <Actor actor={e.actor} /> },
                { title: t('audit.action'), key: 'action', render: (_, e) => <ActionTag entry={e} /> },
                { title: t('audit.object'), key: 'object', render: (_, e) => <ObjectRef entry={e} /> },
                { title: t('audit.diff'), key: 'diff', render: (_, e) => <Diff diff={e.diff} /> },
                { title: t('audit.ip'), dataIndex: 'ip', render: (ip: string | null) => <code>{ip ?? '—'}</code> },
              ]
        }
      />
    </>
  );
}
