import {
  ApiOutlined,
  AuditOutlined,
  BranchesOutlined,
  DashboardOutlined,
  FormOutlined,
  GiftOutlined,
  LoginOutlined,
  LogoutOutlined,
  MenuOutlined,
  NodeIndexOutlined,
  SendOutlined,
  SettingOutlined,
  TeamOutlined,
  UnorderedListOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Grid, Layout, Menu, Segmented, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useT, type Lang } from '../i18n';
import { client } from '../lib/api';
import { useCan, useRoleName, type Grant } from '../lib/permissions';
import { useMe } from '../lib/session';

const { Header, Sider, Content } = Layout;

/** A section is in the menu only for a caller who may read it; a key not listed here is always shown. */
const NAV_READ: Record<string, Grant> = {
  '/': 'overview:read',
  '/webhooks': 'webhooks:read',
  '/sends': 'sends:read',
  '/deliveries': 'deliveries:read',
  '/customers': 'customers:read',
  '/groups': 'groups:read',
  '/loyalty': 'loyalty:read',
  '/journeys': 'journeys:read',
  '/forms': 'forms:read',
  '/inbound': 'inbound:read',
  '/settings': 'settings:read',
  '/audit': 'audit:read',
};

const ROLE_COLORS = { owner: 'processing', admin: 'processing', marketer: 'success', analyst: 'default' } as const;

interface NavItem {
  key: string;
  children?: NavItem[];
}

function readable<T extends NavItem>(items: T[], can: (grant: Grant) => boolean): T[] {
  return items
    .filter((item) => !NAV_READ[item.key] || can(NAV_READ[item.key]))
    .map((item) => (item.children ? { ...item, children: readable(item.children, can) } : item))
    .filter((item) => !item.children || item.children.length > 0);
}

export function AppLayout() {
  const { t, lang, setLang } = useT();
  const navigate = useNavigate();
  const location = useLocation();
  const me = useMe();
  const can = useCan();
  const roleName = useRoleName();
  const queryClient = useQueryClient();
  const screens = Grid.useBreakpoint();
  const phone = !screens.md;
  const [collapsed, setCollapsed] = useState(phone);
  const first = location.pathname.split('/')[1] ?? '';
  // A run's page belongs to 自动流程 in the menu.
  const section = '/' + (first === 'journey-runs' ? 'journeys' : first);
  // The automation submenu starts open in the full menu; a collapsed menu shows it as a pop-up, closed until hovered.
  const [openKeys, setOpenKeys] = useState<string[]>(['automation']);
  const [popupKeys, setPopupKeys] = useState<string[]>([]);

  const items = [
    { key: '/', icon: <DashboardOutlined />, label: t('nav.overview') },
    { key: '/webhooks', icon: <ApiOutlined />, label: t('nav.webhooks') },
    { key: '/sends', icon: <SendOutlined />, label: t('nav.sends') },
    { key: '/deliveries', icon: <UnorderedListOutlined />, label: t('nav.deliveries') },
    { key: '/customers', icon: <UserOutlined />, label: t('nav.customers') },
    { key: '/groups', icon: <TeamOutlined />, label: t('nav.groups') },
    { key: '/loyalty', icon: <GiftOutlined />, label: t('nav.loyalty') },
    {
      key: 'automation',
      icon: <NodeIndexOutlined />,
      label: t('nav.automation'),
      children: [
        { key: '/journeys', icon: <BranchesOutlined />, label: t('nav.journeys') },
        { key: '/forms', icon: <FormOutlined />, label: t('nav.forms') },
        { key: '/inbound', icon: <LoginOutlined />, label: t('nav.inbound') },
      ],
    },
    { key: '/settings', icon: <SettingOutlined />, label: t('nav.settings') },
    { key: '/audit', icon: <AuditOutlined />, label: t('nav.audit') },
  ];
  const menuItems = readable(items, can);

  const logout = async () => {
    await client.POST('/api/auth/logout').catch(() => undefined);
    queryClient.clear();
    navigate('/login', { replace: true });
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {/* On a phone the menu is an overlay opened from the header; a tap outside closes it. */}
      {phone && !collapsed ? (
        <div onClick={() => setCollapsed(true)} style={{ position: 'fixed', inset: 0, background: 'rgba(0,0,0,0.35)', zIndex: 19 }} />
      ) : null}
      <Sider
        breakpoint="md"
        collapsedWidth={phone ? 0 : 64}
        collapsible
        trigger={phone ? null : undefined}
        collapsed={collapsed}
        onCollapse={setCollapsed}
        width={200}
        style={phone ? { position: 'fixed', height: '100vh', zIndex: 20 } : undefined}
      >
        <div style={{ color: '#fff', fontWeight: 600, fontSize: 18, padding: '16px 20px', whiteSpace: 'nowrap', overflow: 'hidden' }}>
          {collapsed ? 'H' : 'Herald'}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[section]}
          openKeys={collapsed ? popupKeys : openKeys}
          onOpenChange={collapsed ? setPopupKeys : setOpenKeys}
          items={menuItems}
          onClick={({ key }) => {
            navigate(key);
            if (phone) setCollapsed(true);
          }}
        />
      </Sider>
      <Layout>
        <Header style={{ background: '#fff', padding: phone ? '0 12px' : '0 24px', display: 'flex', alignItems: 'center', gap: 12 }}>
          {phone ? <Button icon={<MenuOutlined />} onClick={() => setCollapsed(!collapsed)} aria-label={t('nav.menu')} data-testid="menu-toggle" /> : null}
          <Typography.Text strong ellipsis style={{ flex: 1 }}>
            {me.data?.tenant.name}
          </Typography.Text>
          <Segmented<Lang>
            size="small"
            value={lang}
            onChange={setLang}
            options={[
              { label: '中文', value: 'zh' },
              { label: 'English', value: 'en' },
            ]}
            data-testid="lang-switch"
          />
          {!phone && <Typography.Text type="secondary">{me.data?.user?.name ?? me.data?.user?.email}</Typography.Text>}
          {roleName ? (
            <Tag color={ROLE_COLORS[me.data?.role ?? 'analyst']} style={{ marginInlineEnd: 0 }} data-testid="my-role">
              {roleName}
            </Tag>
          ) : null}
          <Button icon={<LogoutOutlined />} onClick={logout} aria-label={t('nav.logout')}>
            {phone ? null : t('nav.logout')}
          </Button>
        </Header>
        <Content style={{ padding: phone ? 12 : 24, minWidth: 0 }}>
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}
