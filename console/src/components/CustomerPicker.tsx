import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { useT } from '../i18n';
import { client, data } from '../lib/api';
import type { Customer } from '../lib/models';

export function customerLabel(c: Pick<Customer, 'id' | 'name' | 'wechatNickname' | 'mobile'>): string {
  return [c.name ?? `#${c.id}`, c.wechatNickname && `(${c.wechatNickname})`, c.mobile].filter(Boolean).join(' ');
}

/** 请选择客户: searches name, WeChat nickname or mobile as the user types. */
export function CustomerPicker(props: { value?: number; onChange?: (id: number | undefined) => void; style?: React.CSSProperties; id?: string }) {
  const { t } = useT();
  const [q, setQ] = useState('');
  const results = useQuery({
    queryKey: ['customers', 'search', q],
    queryFn: ({ signal }) => data(client.GET('/api/customers', { params: { query: { q: q || undefined, limit: 20 } }, signal })),
    placeholderData: (previous) => previous,
  });
  return (
    <Select
      id={props.id}
      // Inside a Form.Item the item's label is bound through the id; alone, the picker names itself.
      aria-label={props.id ? undefined : t('customer.pickPlaceholder')}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={props.value}
      onChange={(v) => props.onChange?.(v)}
      placeholder={t('customer.pickPlaceholder')}
      loading={results.isFetching}
      notFoundContent={results.isFetching ? t('common.loading') : t('common.empty')}
      options={(results.data?.items ?? []).map((c) => ({ value: c.id, label: customerLabel(c) }))}
      style={{ width: '100%', ...props.style }}
      data-testid="customer-picker"
    />
  );
}

/** A customer's name (and nickname, mobile) for an id, fetched and cached; the id while loading or if gone. */
export function CustomerName({ id }: { id: number | null }) {
  const customer = useQuery({
    queryKey: ['customer', id],
    queryFn: () => data(client.GET('/api/customers/{id}', { params: { path: { id: id! } } })),
    enabled: id !== null,
    retry: false,
    staleTime: 60_000,
  });
  if (id === null) return <>—</>;
  return <span data-testid="customer-name">{customer.data ? `${customerLabel(customer.data)} (#${id})` : `#${id}`}</span>;
}
