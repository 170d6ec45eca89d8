import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { QueryState } from './QueryState';

/** A record not saved yet (…/new): its title above its editor. */
export function NewRecord({ title, children }: { title: ReactNode; children: ReactNode }) {
  return (
    <>
      <Typography.Title level={4}>{title}</Typography.Title>
      {children}
    </>
  );
}

interface RecordQuery<T> {
  data: T | undefined;
  isPending: boolean;
  error: Error | null;
  refetch: () => unknown;
}

/** A saved record's page: loading and error states, then what `children` makes of the record, stacked. */
export function RecordPage<T>({ query, children }: { query: RecordQuery<T>; children: (record: T) => ReactNode }) {
  return (
    <QueryState query={query}>
      {query.data ? (
        <Flex vertical gap={12}>
          {children(query.data)}
        </Flex>
      ) : null}
    </QueryState>
  );
}

interface HeaderProps {
  title: ReactNode;
  titleTestId?: string;
  /** Beside the title: status, version… */
  tags?: ReactNode;
  /** On the right: the record's buttons. */
  actions?: ReactNode;
}

/** A record page's first line: its name and tags on the left, its buttons on the right. */
export function RecordHeader({ title, titleTestId, tags, actions }: HeaderProps) {
  return (
    <Flex justify="space-between" align="center" wrap gap={8}>
      <Flex align="center" gap={8} wrap>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid={titleTestId}>
          {title}
        </Typography.Title>
        {tags}
      </Flex>
      {actions}
    </Flex>
  );
}
