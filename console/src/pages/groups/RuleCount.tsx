import { Alert, Spin, Typography } from 'antd';
import { useT } from '../../i18n';

export function RuleCount({ state }: { state: { count?: number; loading: boolean; message?: string; errors: Record<string, string[]> } }) {
  const { t } = useT();
  if (state.message) return <Alert type="error" showIcon title={state.message} />;
  if (Object.keys(state.errors).length) return <Typography.Text type="danger">{t('rule.fixErrors')}</Typography.Text>;
  return (
    <Typography.Text data-testid="rule-count">
      {t('rule.liveCount')}: {state.count === undefined ? <Spin size="small" /> : <strong>{state.count}</strong>} {state.loading ? <Spin size="small" /> : null}
    </Typography.Text>
  );
}
