import { Alert, Button, Empty, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../i18n';
import { useErrorText } from '../lib/errors';

interface Props {
  query: { isPending: boolean; error: Error | null; refetch: () => unknown };
  empty?: boolean;
  emptyText?: ReactNode;
  children: ReactNode;
}

/** Loading, error (with retry) and empty states around a query's content. */
export function QueryState({ query, empty, emptyText, children }: Props) {
  const { t } = useT();
  const errorText = useErrorText();
  if (query.isPending) return <Spin style={{ display: 'block', margin: 32 }} />;
  if (query.error) {
    return (
      <Alert
        type="error"
        showIcon
        title={t('common.loadError')}
        description={errorText(query.error)}
        action={
          <Button size="small" onClick={() => query.refetch()}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  }
  if (empty) return <Empty description={emptyText ?? t('common.empty')} />;
  return <>{children}</>;
}

/** An error shown above a form or action: a failed call (in the console's words) or texts that belong to no field. */
export function ErrorAlert({ error }: { error: unknown }) {
  const errorText = useErrorText();
  if (!error) return null;
  const message = Array.isArray(error) ? error.join('; ') : typeof error === 'string' ? error : errorText(error);
  if (!message) return null;
  return <Alert type="error" showIcon title={message} style={{ marginBottom: 16 }} />;
}
