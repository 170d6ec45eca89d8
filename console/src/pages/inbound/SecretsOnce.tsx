import { Alert, Button, Card, Flex, Typography } from 'antd';
import { useT, type MessageKey } from '../../i18n';
import type { Revealed } from './secrets';

/** New secrets in clear, this once, with the warning; masked everywhere afterwards. */
export function SecretsOnce({ revealed, onDismiss }: { revealed: Revealed; onDismiss: () => void }) {
  const { t } = useT();
  const entries = Object.entries(revealed) as [keyof Revealed, string][];
  if (!entries.length) return null;
  return (
    <Card size="small" style={{ borderColor: '#d4a72c', background: '#fff8c5' }} data-testid="secrets-once">
      <Alert type="warning" showIcon title={t('inbound.shownOnce')} style={{ marginBottom: 12 }} />
      {entries.map(([check, secret]) => (
        <div key={check}>
          <Typography.Text strong>{t(`inbound.secret.${check}` as MessageKey)}</Typography.Text>
          <Typography.Paragraph copyable code style={{ wordBreak: 'break-all' }} data-testid={`secret-${check}`}>
            {secret}
          </Typography.Paragraph>
        </div>
      ))}
      <Flex justify="end">
        <Button onClick={onDismiss}>{t('inbound.secretSaved')}</Button>
      </Flex>
    </Card>
  );
}
