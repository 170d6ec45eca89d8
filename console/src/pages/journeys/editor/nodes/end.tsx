import { StopOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import { useT } from '../../../../i18n';
import type { NodeKind } from './kind';

function EndFields() {
  const { t } = useT();
  return <Typography.Paragraph type="secondary">{t('journey.endHint')}</Typography.Paragraph>;
}

/** end: the run finishes here; it has no links. */
export const endNode: NodeKind = {
  label: 'journey.node.end',
  icon: <StopOutlined />,
  color: '#57606a',
  links: [],
  create: () => ({}),
  describe: () => '',
  Fields: EndFields,
};
