import { Flex, Input, Tag, Tooltip, Typography } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { useMemo, useRef } from 'react';
import { useT } from '../../i18n';
import type { WebhookBody } from '../../lib/models';

/** Variables a body template may read (README → Body templates); clicking one inserts it. */
const VARIABLES: { group: string; names: string[] }[] = [
  {
    group: 'customer',
    names: [
      'customer.id',
      'customer.name',
      'customer.wechatNickname',
      'customer.mobile',
      'customer.email',
      'customer.activityScore',
      'customer.attributes.city',
      'customer.firstName',
      'customer.lastName',
      'customer.createdAt',
    ],
  },
  { group: 'message', names: ['message.id', 'message.timestamp', 'unsubscribe_url'] },
  { group: 'webhook', names: ['webhook.id', 'webhook.name'] },
  { group: 'broadcast', names: ['broadcast.id', 'broadcast.name', 'broadcast.scheduledAt'] },
  { group: 'event', names: ['event.event', 'event.membershipId', 'event.couponCode'] },
  { group: 'DCE 5.0', names: ['$$.ID$$', '$$.Name$$', '$$.Email$$', '$$.FirstName$$', '$$.LastName$$', '$$.CreatedAt$$'] },
];

/** The box's text as the template the API takes (null: none, the default body), or why it is not JSON. */
export function parseTemplate(text: string | undefined): { value: Exclude<WebhookBody['bodyTemplate'], string>; error?: string } {
  if (!text || !text.trim()) return { value: null };
  try {
    const value: unknown = JSON.parse(text);
    if (value === null || typeof value !== 'object') return { value: undefined, error: 'JSON object or array' };
    return { value: value as Exclude<WebhookBody['bodyTemplate'], string> };
  } catch (e) {
    return { value: undefined, error: (e as Error).message };
  }
}

interface Props {
  value?: string;
  onChange?: (text: string) => void;
  id?: string;
  /** Shown, not edited (a role that may not change webhooks): no variable hints to insert. */
  readOnly?: boolean;
}

/** JSON body template with a live JSON check and variable hints (clicking one inserts it at the cursor). */
export function TemplateEditor({ value, onChange, id, readOnly }: Props) {
  const { t } = useT();
  const ref = useRef<TextAreaRef>(null);
  const parsed = useMemo(() => parseTemplate(value), [value]);

  const insert = (name: string) => {
    const token = name.startsWith('$$') ? `{{${name}}}` : `{{ ${name} }}`;
    const el = ref.current?.resizableTextArea?.textArea;
    const text = value ?? '';
    const at = el ? el.selectionStart : text.length;
    const end = el ? el.selectionEnd : text.length;
    onChange?.(text.slice(0, at) + token + text.slice(end));
  };

  return (
    <>
      <Input.TextArea
        id={id}
        ref={ref}
        value={value}
        onChange={(e) => onChange?.(e.target.value)}
        autoSize={{ minRows: 8, maxRows: 24 }}
        spellCheck={false}
        placeholder={'{\n  "msgtype": "text",\n  "text": { "content": "{{ customer.name }} 你好" }\n}'}
        style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', fontSize: 13 }}
        data-testid="template-editor"
      />
      <Typography.Text type={parsed.error ? 'danger' : 'secondary'} style={{ fontSize: 12 }} data-testid="template-check">
        {parsed.error ? t('template.invalid', { error: parsed.error }) : value?.trim() ? t('template.valid') : t('template.defaultBody')}
      </Typography.Text>
      <Flex vertical gap={4} style={{ marginTop: 8, ...(readOnly ? { display: 'none' } : {}) }}>
        {VARIABLES.map((g) => (
          <Flex key={g.group} wrap gap={4} align="center">
            <Typography.Text type="secondary" style={{ fontSize: 12, minWidth: 72 }}>
              {g.group}
            </Typography.Text>
            {g.names.map((n) => (
              <Tooltip key={n} title={t('template.insert')}>
                <Tag style={{ cursor: 'pointer', fontFamily: 'monospace' }} onClick={() => insert(n)}>
                  {n}
                </Tag>
              </Tooltip>
            ))}
          </Flex>
        ))}
      </Flex>
    </>
  );
}
