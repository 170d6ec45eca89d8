import { Flex, Tag, Tooltip, Typography } from 'antd';
import { useT } from '../../i18n';
import { valueText } from './attributeRows';

/** A few `key: value` tags for a list row; the rest behind +N (all of them on hover). */
export function AttributeTags({ attributes, max = 3 }: { attributes: Record<string, unknown>; max?: number }) {
  const { t } = useT();
  const entries = Object.entries(attributes ?? {});
  if (!entries.length) return <Typography.Text type="secondary">{t('customers.noAttributes')}</Typography.Text>;
  const text = ([k, v]: [string, unknown]) => `${k}: ${valueText(v, t('customerEdit.yes'), t('customerEdit.no'))}`;
  const rest = entries.slice(max);
  return (
    <Flex wrap gap={4} style={{ maxWidth: 320 }}>
      {entries.slice(0, max).map((e) => (
        <Tag key={e[0]} style={{ marginInlineEnd: 0, maxWidth: 200, overflow: 'hidden', textOverflow: 'ellipsis' }} title={text(e)}>
          {text(e)}
        </Tag>
      ))}
      {rest.length ? (
        <Tooltip title={rest.map(text).join('\n')}>
          <Tag style={{ marginInlineEnd: 0 }}>{t('customers.moreAttributes', { n: rest.length })}</Tag>
        </Tooltip>
      ) : null}
    </Flex>
  );
}
