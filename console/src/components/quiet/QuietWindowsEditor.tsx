import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Flex, Select, Typography } from 'antd';
import { useT, type MessageKey } from '../../i18n';
import { NEW_WINDOW, TIMES, WEEK, type QuietWindow } from './quiet-windows';

/**
 * The allowed sending windows, edited in place: weekday boxes and start / end times per window.
 * Controlled (value / onChange) and free of <form>, so it also sits inside another form (the webhook editor).
 */
export function QuietWindowsEditor({
  value = [],
  onChange = () => undefined,
  testId,
}: {
  /** Given by the Form.Item around it, or by the caller. */
  value?: QuietWindow[];
  onChange?: (next: QuietWindow[]) => void;
  testId?: string;
}) {
  const { t } = useT();
  const set = (i: number, patch: Partial<QuietWindow>) => onChange(value.map((w, j) => (j === i ? { ...w, ...patch } : w)));
  const timeOptions = (end: boolean) => TIMES.filter((x) => (end ? x !== '00:00' : x !== '24:00')).map((x) => ({ value: x, label: x }));
  return (
    <div data-testid={testId}>
      {value.map((w, i) => {
        const label = t('quiet.window', { n: i + 1 });
        return (
          <Flex key={i} wrap gap={12} align="center" style={{ marginBottom: 12 }} data-testid="quiet-window">
            <Checkbox.Group
              aria-label={`${label} ${t('quiet.days')}`}
              value={w.days}
              onChange={(days) => set(i, { days: (days as number[]).sort((a, b) => a - b) })}
            >
              {WEEK.map((d) => (
                // Tight labels, so the seven days stay on one line on a phone.
                <Checkbox key={d} value={d} styles={{ root: { marginInlineEnd: 2 }, label: { paddingInline: 4 } }}>
                  <span aria-label={t(`quiet.dayName.${d}` as MessageKey)}>{t(`quiet.day.${d}` as MessageKey)}</span>
                </Checkbox>
              ))}
            </Checkbox.Group>
            <Flex gap={8} align="center">
              <Select
                aria-label={`${label} ${t('quiet.start')}`}
                value={w.start}
                onChange={(start) => set(i, { start })}
                options={timeOptions(false)}
                style={{ width: 96 }}
                data-testid="quiet-start"
              />
              <Typography.Text type="secondary">–</Typography.Text>
              <Select
                aria-label={`${label} ${t('quiet.end')}`}
                value={w.end}
                onChange={(end) => set(i, { end })}
                options={timeOptions(true)}
                style={{ width: 96 }}
                data-testid="quiet-end"
              />
              {w.end <= w.start ? <Typography.Text type="secondary">{t('quiet.nextDay', { time: '' }).trim()}</Typography.Text> : null}
            </Flex>
            {value.length > 1 ? (
              <Button
                type="text"
                aria-label={`${t('quiet.removeWindow')} ${i + 1}`}
                icon={<DeleteOutlined />}
                onClick={() => onChange(value.filter((_, j) => j !== i))}
              />
            ) : null}
          </Flex>
        );
      })}
      <Button type="dashed" icon={<PlusOutlined />} onClick={() => onChange([...value, NEW_WINDOW])} disabled={value.length >= 14 || undefined}>
        {t('quiet.addWindow')}
      </Button>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
        {t('quiet.windowsHint')}
      </Typography.Paragraph>
    </div>
  );
}
