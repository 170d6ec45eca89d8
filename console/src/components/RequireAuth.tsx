import { useQueryClient } from '@tanstack/react-query';
import { Button, Result, Spin } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useT } from '../i18n';
import { ApiError, onForbidden, onUnauthorized } from '../lib/api';
import { useErrorText } from '../lib/errors';
import { ME_KEY, useMe } from '../lib/session';

/** Shows the console only to a signed-in user; any 401 later (session ended) goes back to sign-in. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const { t } = useT();
  const errorText = useErrorText();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  useEffect(
    () =>
      onUnauthorized(() => {
        queryClient.clear();
        navigate('/login', { replace: true, state: { from: location.pathname } });
      }),
    [navigate, queryClient, location.pathname],
  );
  // A 403 on a page opened before a role change: the refusal is shown where it happened (its message
  // says which permission), and the console asks again what the user may do, so it stops offering it.
  useEffect(() => onForbidden(() => void queryClient.invalidateQueries({ queryKey: ME_KEY })), [queryClient]);
  if (me.isPending) return <Spin style={{ display: 'block', margin: 96 }} />;
  if (me.error instanceof ApiError && me.error.status === 401) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  if (me.error) {
    return (
      <Result
        status="error"
        title={t('common.loadError')}
        subTitle={errorText(me.error)}
        extra={<Button onClick={() => me.refetch()}>{t('common.retry')}</Button>}
      />
    );
  }
  return <>{children}</>;
}
