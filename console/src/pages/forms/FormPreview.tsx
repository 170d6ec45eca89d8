import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Card, Flex, Typography } from 'antd';
import { PreviewUpdating } from '../../components/PreviewUpdating';
import { useT } from '../../i18n';
import { client, data } from '../../lib/api';
import { withStyleNonce } from '../../lib/csp';
import { errorText } from '../../lib/errors';
import type { FormField } from '../../lib/models';
import { useDebounced } from '../../lib/useDebounced';

export interface FormDraft {
  name?: string;
  title?: string | null;
  description?: string | null;
  fields: FormField[];
}

/**
 * 页面预览: the unsaved form's micro-page as visitors will see it on a phone, rendered by the API
 * with the code of /f/<key> shortly after editing stops. The frame is sandboxed (an origin of its
 * own, no submitting) and the page carries its own strict policy.
 */
export function FormPreview({ draft }: { draft: FormDraft }) {
  const { t, lang } = useT();
  const body = useDebounced(draft, 400);
  const ready = body.fields.length > 0;
  const preview = useQuery({
    queryKey: ['form-preview', body],
    queryFn: ({ signal }) => data(client.POST('/api/forms/preview', { body, signal })),
    enabled: ready,
    retry: false,
    placeholderData: keepPreviousData,
  });
  return (
    <Card size="small" title={t('editors.form.preview')} extra={<PreviewUpdating active={preview.isFetching} />} data-testid="form-live-preview">
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginBottom: 8 }}>
        {t('editors.form.previewHint')}
      </Typography.Text>
      {preview.error ? <Alert type="warning" showIcon title={errorText(preview.error, lang)} style={{ marginBottom: 8 }} /> : null}
      <Flex justify="center">
        {ready && preview.data ? (
          // Its own origin, no forms. Scripts are allowed only so the frame has a script context (accessibility checks and
          // browser tests look inside it): the page has none, and its policy (default-src 'none') would refuse any.
          <iframe
            sandbox="allow-scripts"
            srcDoc={withStyleNonce(preview.data.html)}
            title={t('editors.form.preview')}
            data-testid="form-preview"
            style={{ display: 'block', width: 375, maxWidth: '100%', height: 640, border: '8px solid #1f2329', borderRadius: 28, background: '#fff' }}
          />
        ) : (
          <Typography.Text type="secondary">{t('editors.form.previewEmpty')}</Typography.Text>
        )}
      </Flex>
    </Card>
  );
}
