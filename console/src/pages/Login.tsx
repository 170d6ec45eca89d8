import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Segmented, Typography } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { useT, type Lang } from '../i18n';
import { ApiError, client, data } from '../lib/api';
import { useErrorText } from '../lib/errors';
import { problemsOf, useFieldErrors } from '../lib/form-errors';
import { ME_KEY } from '../lib/session';

export default function Login() {
  const { t, lang, setLang } = useT();
  const [form] = Form.useForm();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const applyFieldErrors = useFieldErrors();
  const errorText = useErrorText();
  const login = useMutation({
    mutationFn: (values: { email: string; password: string }) => data(client.POST('/api/auth/login', { body: values })),
    onSuccess: (me) => {
      queryClient.setQueryData(ME_KEY, me);
      navigate((location.state as { from?: string } | null)?.from ?? '/', { replace: true });
    },
    onError: (e) => applyFieldErrors(form, e, ['email', 'password']),
  });
  const error = login.error;
  const message =
    error instanceof ApiError && error.status === 429
      ? t('login.tooMany')
      : error instanceof ApiError && error.status === 401
        ? t('login.wrong')
        : problemsOf(error).length
          ? null
          : error
            ? errorText(error)
            : null;

  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f0f2f5', padding: 16 }}>
      <Card style={{ width: 380, maxWidth: '100%' }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 16 }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            Herald
          </Typography.Title>
          <Segmented<Lang>
            size="small"
            value={lang}
            onChange={setLang}
            options={[
              { label: '中文', value: 'zh' },
              { label: 'English', value: 'en' },
            ]}
          />
        </div>
        <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
        {message ? <Alert type="error" showIcon title={message} style={{ marginBottom: 16 }} data-testid="login-error" /> : null}
        <Form form={form} layout="vertical" onFinish={(v) => login.mutate(v)} requiredMark={false}>
          <Form.Item name="email" label={t('login.email')} rules={[{ required: true, message: t('login.emailRequired') }]}>
            <Input prefix={<MailOutlined />} autoComplete="username" inputMode="email" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
