import { useMutation } from '@tanstack/react-query';
import { Alert, App, Form, Modal, Select, Typography } from 'antd';
import { CustomerPicker } from '../../../components/CustomerPicker';
import { useT } from '../../../i18n';
import { client, data } from '../../../lib/api';
import { useErrorText } from '../../../lib/errors';
import { problemsOf } from '../../../lib/form-errors';
import type { Journey, RunDetail } from '../../../lib/models';

interface Props {
  journey: Pick<Journey, 'id' | 'status' | 'version'>;
  open: boolean;
  /** The canvas has unsaved edits: a test runs the saved journey, so it waits for a save. */
  dirty: boolean;
  onClose: () => void;
  onDone: (run: RunDetail) => void;
}

interface Values {
  customerId?: number;
  version: number;
}

/** 测试运行: pick a customer and the draft or a version; the run comes back finished, to draw on the canvas. */
export function TestRunModal({ journey, open, dirty, onClose, onDone }: Props) {
  const { t } = useT();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  // 0: the draft (the saved definition). A journey that has run keeps its versions; the latest is what the canvas shows.
  const versions = Array.from({ length: journey.version }, (_, i) => journey.version - i);
  const start = useMutation({
    mutationFn: (v: Values) =>
      data(
        client.POST('/api/journeys/{id}/test-runs', {
          params: { path: { id: journey.id } },
          body: { customerId: v.customerId!, version: v.version || undefined },
        }),
      ),
    onSuccess: (run) => {
      onDone(run);
      onClose();
    },
    onError: (e) => message.error(problemsOf(e).length ? t('journeyTest.refused') : errorText(e)),
  });
  return (
    <Modal
      open={open}
      title={t('journeyTest.title')}
      okText={t('journeyTest.start')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: start.isPending, disabled: dirty, ...{ 'data-testid': 'start-test-run' } }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('journeyTest.intro')}
      </Typography.Paragraph>
      {dirty ? <Alert type="warning" showIcon title={t('journeyTest.unsaved')} style={{ marginBottom: 12 }} /> : null}
      <Form<Values> form={form} layout="vertical" initialValues={{ version: journey.version }} onFinish={(v) => start.mutate(v)}>
        <Form.Item name="customerId" label={t('journeyTest.customer')} rules={[{ required: true, message: t('journeyTest.pickCustomer') }]}>
          <CustomerPicker />
        </Form.Item>
        <Form.Item name="version" label={t('journeyTest.version')}>
          <Select
            data-testid="test-run-version"
            options={
              versions.length
                ? versions.map((v) => ({ value: v, label: t('journeyTest.versionN', { v }) + (v === journey.version ? t('journeyTest.current') : '') }))
                : [{ value: 0, label: t('journeyTest.draft') }]
            }
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
