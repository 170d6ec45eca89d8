import { Alert, Button, Checkbox, Flex, Typography } from 'antd';
import { useT, type MessageKey } from '../../i18n';
import { SCOPE_PRESETS, SCOPE_RESOURCES, toggleScope, type Scope } from './scopes';

interface Props {
  value?: Scope[];
  onChange?: (scopes: Scope[]) => void;
}

/**
 * The scopes of a new key: presets, then one row per resource (读 / 写 / 测试发送), or 全部权限 (admin),
 * which stands alone. Starts with nothing ticked: the person creating the key chooses.
 */
export function ScopePicker({ value = [], onChange }: Props) {
  const { t } = useT();
  const admin = value.includes('admin');
  const set = (next: Scope[]) => onChange?.(next);
  return (
    <Flex vertical gap={8} data-testid="scope-picker">
      <Flex wrap gap={8} align="center">
        <Typography.Text type="secondary">{t('keys.presets')}</Typography.Text>
        {SCOPE_PRESETS.map((p) => (
          <Button
            key={p.key}
            size="small"
            onClick={() => set(p.scopes.reduce<Scope[]>((acc, s) => (s === 'admin' ? ['admin'] : toggleScope(acc, s, true)), []))}
            data-testid={`preset-${p.key}`}
          >
            {t(p.label)}
          </Button>
        ))}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('keys.hint')}
      </Typography.Text>
      <div role="group" aria-label={t('keys.scopes')} style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: '4px 12px' }}>
        {SCOPE_RESOURCES.map(({ resource, actions }) => (
          <Flex key={resource} wrap align="center" gap={4} style={{ padding: '4px 0', borderBottom: '1px solid #fafafa' }}>
            <span style={{ width: 96, flex: 'none' }}>{t(`resource.${resource}` as MessageKey)}</span>
            {actions.map((a) => {
              const scope = `${resource}:${a}` as Scope;
              return (
                <Checkbox
                  key={a}
                  disabled={admin}
                  checked={value.includes(scope)}
                  onChange={(e) => set(toggleScope(value, scope, e.target.checked))}
                  data-testid={`scope-${scope}`}
                >
                  {t(a === 'write' ? 'scope.write.pick' : (`scope.${a}` as MessageKey))}
                </Checkbox>
              );
            })}
          </Flex>
        ))}
        <div style={{ padding: '6px 0' }}>
          <Checkbox checked={admin} onChange={(e) => set(e.target.checked ? ['admin'] : [])} data-testid="scope-admin">
            {t('keys.adminAll')}
          </Checkbox>
        </div>
      </div>
      {admin ? <Alert type="warning" showIcon title={t('keys.adminWarning')} /> : null}
    </Flex>
  );
}
