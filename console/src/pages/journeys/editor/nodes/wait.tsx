import { ClockCircleOutlined } from '@ant-design/icons';
import { DatePicker, Flex, Form, InputNumber, Segmented, Select } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useT } from '../../../../i18n';
import { fmtTime } from '../../../../lib/format';
import { fieldStatus, NEXT, type FieldProps, type NodeKind, type T } from './kind';

const UNITS = [
  { key: 'seconds', s: 1 },
  { key: 'minutes', s: 60 },
  { key: 'hours', s: 3600 },
  { key: 'days', s: 86400 },
] as const;

/** A duration in the largest unit that divides it: `2 天`, `90 分钟`. */
export function duration(t: T, seconds: number): string {
  for (const [unit, s] of [
    ['days', 86400],
    ['hours', 3600],
    ['minutes', 60],
  ] as const) {
    if (seconds % s === 0) return `${seconds / s} ${t(`journey.unit.${unit}`)}`;
  }
  return `${seconds} ${t('journey.unit.seconds')}`;
}

/** A duration (shown in the largest whole unit) or until a date-time (the browser's zone, sent as UTC). */
function WaitFields({ node, onChange, errors }: FieldProps) {
  const { t } = useT();
  const mode = node.until !== undefined ? 'until' : 'seconds';
  const bestUnit =
    UNITS.slice()
      .reverse()
      .find((u) => node.seconds && node.seconds % u.s === 0) ?? UNITS[0];
  const [unit, setUnit] = useState<number>(bestUnit.s);
  return (
    <>
      <Form.Item label={t('journey.waitMode')}>
        <Segmented
          aria-label={t('journey.waitMode')}
          value={mode}
          onChange={(m) =>
            onChange(
              m === 'until'
                ? (({ seconds: _, ...rest }) => ({ ...rest, until: dayjs().add(1, 'day').startOf('hour').toISOString() }))(node)
                : (({ until: _, ...rest }) => ({ ...rest, seconds: 3600 }))(node),
            )
          }
          options={[
            { value: 'seconds', label: t('journey.waitFor') },
            { value: 'until', label: t('journey.waitUntil') },
          ]}
        />
      </Form.Item>
      {mode === 'seconds' ? (
        <Form.Item label={t('journey.duration')} htmlFor="journey-node-wait-amount" {...fieldStatus(errors, 'seconds', '.')}>
          <Flex gap={8}>
            <InputNumber
              id="journey-node-wait-amount"
              min={1}
              value={node.seconds ? node.seconds / unit : undefined}
              style={{ flex: 1 }}
              data-testid="wait-amount"
              onChange={(v) => onChange({ ...node, seconds: v == null ? undefined : Math.round(Number(v) * unit) })}
            />
            <Select
              aria-label={t('journeyLabels.waitUnit')}
              value={unit}
              onChange={setUnit}
              style={{ width: 100 }}
              options={UNITS.map((u) => ({ value: u.s, label: t(`journey.unit.${u.key}`) }))}
            />
          </Flex>
        </Form.Item>
      ) : (
        <Form.Item label={t('journey.until')} htmlFor="journey-node-wait-until" {...fieldStatus(errors, 'until', '.')}>
          <DatePicker
            id="journey-node-wait-until"
            showTime
            value={node.until ? dayjs(node.until) : null}
            style={{ width: '100%' }}
            onChange={(d) => onChange({ ...node, until: d ? d.toISOString() : undefined })}
          />
        </Form.Item>
      )}
    </>
  );
}

/** wait: holds the run for a while, or until a moment. */
export const waitNode: NodeKind = {
  label: 'journey.node.wait',
  icon: <ClockCircleOutlined />,
  color: '#9a6700',
  links: [NEXT],
  create: () => ({ seconds: 3600 }),
  describe: (t, n) =>
    n.until ? t('journey.summary.until', { at: fmtTime(n.until) }) : n.seconds ? t('journey.summary.wait', { d: duration(t, n.seconds) }) : '',
  Fields: WaitFields,
};
