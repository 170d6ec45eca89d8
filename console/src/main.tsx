import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { AppRoutes } from './routes';
import { LangProvider, useT } from './i18n';
import { ApiError } from './lib/api';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not get better by asking again; network blips may.
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
      staleTime: 5_000,
    },
  },
});

function Themed() {
  const { lang } = useT();
  return (
    // Links, red and green text (danger buttons, errors, status tags) and grey text (descriptions, labels)
    // darker than antd's defaults (#1677ff, #ff4d4f, #52c41a, 45 % black): WCAG AA contrast (4.5:1).
    <ConfigProvider
      locale={lang === 'zh' ? zhCN : enUS}
      theme={{
        token: {
          colorPrimary: '#1f6feb',
          colorLink: '#1f6feb',
          colorError: '#c9302c',
          colorSuccess: '#237804',
          // Kept light: antd would derive a grey-green from the darker green.
          colorSuccessBg: '#f6ffed',
          colorSuccessBorder: '#b7eb8f',
          colorTextDescription: 'rgba(0, 0, 0, 0.6)',
          colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
        },
      }}
    >
      <AntApp>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <LangProvider>
        <Themed />
      </LangProvider>
    </QueryClientProvider>
  </StrictMode>,
);
