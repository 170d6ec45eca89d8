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
import { cspNonce, nonceScriptCreatedStyles, styleAttributesThroughCssom } from './lib/csp';

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

/**
 * antd's default greys and status colours on white (secondary text 45 % black, link #1677ff, green, orange and
 * gold tags, the danger red) fall below WCAG AA's 4.5:1 for small text. These pass it; axe-core checks every
 * screen in the browser tests. Preset tag colours use their `*7` shade as text: the failing ones move a shade darker.
 */
const theme = {
  token: {
    colorPrimary: '#0f5fd7',
    colorLink: '#0f5fd7',
    colorInfo: '#0f5fd7',
    colorSuccess: '#237804',
    colorWarning: '#a15c00',
    colorError: '#cf1322',
    // The darker seeds would derive murky backgrounds: antd's light ones are kept.
    colorSuccessBg: '#f6ffed',
    colorSuccessBorder: '#b7eb8f',
    colorWarningBg: '#fffbe6',
    colorWarningBorder: '#ffe58f',
    colorErrorBg: '#fff2f0',
    colorErrorBorder: '#ffccc7',
    colorInfoBg: '#e6f4ff',
    colorInfoBorder: '#91caff',
    colorTextSecondary: 'rgba(0, 0, 0, 0.62)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.58)',
    colorTextDescription: 'rgba(0, 0, 0, 0.58)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    green7: '#237804',
    orange7: '#ad4e00',
    gold7: '#874d00',
    lime7: '#3f6600',
    cyan7: '#006d75',
  },
};

// The page's CSP nonce on every <style> antd inserts; style attributes through the CSSOM (src/lib/csp.ts).
nonceScriptCreatedStyles();
styleAttributesThroughCssom();
const csp = cspNonce ? { nonce: cspNonce } : undefined;

function Themed() {
  const { lang } = useT();
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={theme} csp={csp}>
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
