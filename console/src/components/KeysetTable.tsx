import { Table, type TableProps } from 'antd';
import type { ReactNode } from 'react';
import { LoadMore } from './LoadMore';
import { QueryState } from './QueryState';

/** What `useKeyset` answers that the table reads. */
interface KeysetList<T> {
  items: T[];
  isPending: boolean;
  error: Error | null;
  refetch: () => unknown;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

type Props<T> = Omit<TableProps<T>, 'dataSource' | 'pagination' | 'rowKey' | 'scroll'> & {
  list: KeysetList<T>;
  /** Shown when the list has no rows. */
  emptyText: ReactNode;
  'data-testid'?: string;
};

/**
 * A keyset-paged list (`useKeyset`) as a table: loading, error and empty states, every page loaded so far
 * (rows keyed by id, scrolling sideways on narrow screens) and 加载更多 while there is more.
 */
export function KeysetTable<T extends { id: number | string }>({ list, emptyText, ...table }: Props<T>) {
  return (
    <QueryState query={list} empty={list.items.length === 0} emptyText={emptyText}>
      <Table<T> rowKey="id" dataSource={list.items} pagination={false} scroll={{ x: 'max-content' }} {...table} />
      <LoadMore query={list} />
    </QueryState>
  );
}
