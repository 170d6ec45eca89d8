import { CheckCircleFilled, LoadingOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, List, Typography } from 'antd';
import { useT } from '../../../i18n';
import { useErrorText } from '../../../lib/errors';
import { TRIGGER_ID } from './definition';

interface Props {
  items: { path: string; message: string; nodeId?: string }[];
  checking: boolean;
  checked: boolean;
  failure?: unknown;
  /** A new journey not edited yet: no verdict to show. */
  untouched?: boolean;
  onPick: (nodeId: string) => void;
}

/** 检查结果: every error of the journey, each a link to the node it names. */
export function CheckList({ items, checking, checked, failure, untouched, onPick }: Props) {
  const { t } = useT();
  const errorText = useErrorText();
  if (untouched)
    return (
      <Typography.Text type="secondary" data-testid="journey-check">
        {t('journey.checkUntouched')}
      </Typography.Text>
    );
  if (failure) return <Alert type="warning" showIcon title={t('journey.checkFailed', { error: errorText(failure) })} />;
  if (!items.length) {
    return (
      <Typography.Text type={checked ? 'success' : 'secondary'} data-testid="journey-check">
        {checking || !checked ? (
          <>
            <LoadingOutlined /> {t('journey.checking')}
          </>
        ) : (
          <>
            <CheckCircleFilled /> {t('journey.checkOk')}
          </>
        )}
      </Typography.Text>
    );
  }
  return (
    <List
      size="small"
      bordered
      data-testid="journey-errors"
      header={
        <Flex gap={8} align="center">
          <Typography.Text type="danger" strong>
            {t('journey.checkErrors', { n: items.length })}
          </Typography.Text>
          {checking ? <LoadingOutlined /> : null}
        </Flex>
      }
      dataSource={items}
      renderItem={(item) => (
        <List.Item style={{ wordBreak: 'break-word' }}>
          {item.nodeId ? (
            <Button
              type="link"
              size="small"
              style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
              onClick={() => onPick(item.nodeId!)}
            >
              {item.nodeId === TRIGGER_ID ? t('journey.triggerBox') : item.nodeId}
            </Button>
          ) : null}
          {item.path ? (
            <Typography.Text code style={{ marginLeft: 8 }}>
              {item.path}
            </Typography.Text>
          ) : null}
          <Typography.Text type="danger" style={{ marginLeft: 8, flex: 1 }}>
            {item.message}
          </Typography.Text>
        </List.Item>
      )}
    />
  );
}
