import { Spin } from 'antd';
import { useT } from '../i18n';

/** A preview card's small spinner while it fetches again; the label sits on a role="status" wrapper (axe: not on Spin's div). */
export function PreviewUpdating({ active }: { active: boolean }) {
  const { t } = useT();
  if (!active) return null;
  return (
    <span role="status" aria-label={t('editors.preview.updating')}>
      <Spin size="small" />
    </span>
  );
}
