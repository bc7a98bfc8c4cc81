import { Button, Drawer, Flex, Grid, Layout, Switch, Tag, Tooltip, Typography, theme } from 'antd';
import { lazy, Suspense, useState } from 'react';
import type { User } from '../api/types.ts';
import { useLogout } from '../auth/useSession.ts';
import { LiveConnectionStatus } from '../live/LiveConnectionStatus.tsx';
import { useRoute } from '../routing/navigation.ts';
import { sectionTitle } from '../routing/page-title.ts';
import { type Route, routeHash } from '../routing/route.ts';
import { useThemeMode } from '../theme/useThemeMode.ts';
import './shell.css';

// The bell (antd Badge, the alerts query) loads after the page: a dashboard view does not wait for it.
const AlertsBell = lazy(() => import('../alerts/AlertsBell.tsx').then((module) => ({ default: module.AlertsBell })));

type Section = 'dashboards' | 'strategies' | 'portfolios' | 'files' | 'data-sources' | 'plugins' | 'admin';

const SECTION_OF: Partial<Record<Route['name'], Section>> = {
  strategies: 'strategies',
  strategy: 'strategies',
  portfolios: 'portfolios',
  portfolio: 'portfolios',
  'new-portfolio': 'portfolios',
  files: 'files',
  'data-sources': 'data-sources',
  plugins: 'plugins',
  users: 'admin',
  'api-keys': 'admin',
  audit: 'admin',
};

interface NavItem {
  section: Section;
  label: string;
  route: Route;
  adminOnly?: boolean;
}

const NAV: readonly NavItem[] = [
  { section: 'dashboards', label: 'Dashboards', route: { name: 'list' } },
  { section: 'strategies', label: 'Strategies', route: { name: 'strategies' } },
  { section: 'portfolios', label: 'Portfolios', route: { name: 'portfolios' } },
  { section: 'files', label: 'Files', route: { name: 'files' } },
  { section: 'data-sources', label: 'Data sources', route: { name: 'data-sources' }, adminOnly: true },
  { section: 'plugins', label: 'Plugins', route: { name: 'plugins' }, adminOnly: true },
  { section: 'admin', label: 'Admin', route: { name: 'users' }, adminOnly: true },
];

function MenuIcon() {
  return (
    <svg viewBox="0 0 16 16" width="1em" height="1em" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
      <path d="M2.5 4h11 M2.5 8h11 M2.5 12h11" strokeLinecap="round" />
    </svg>
  );
}

/**
 * Product name, navigation, risk alerts, theme toggle, the signed-in user with their role, and logout.
 * Below 768 px everything but the name and the bell folds into a menu, so the header is one row.
 */
export function AppHeader({ user }: { user: User }) {
  const { token } = theme.useToken();
  const narrow = Grid.useBreakpoint().md === false;
  const { mode, setMode } = useThemeMode();
  const logout = useLogout();
  const route = useRoute();
  const [menuOpen, setMenuOpen] = useState(false);
  const active = SECTION_OF[route.name] ?? 'dashboards';
  const items = NAV.filter((item) => !item.adminOnly || user.role === 'admin');

  const links = (vertical: boolean) =>
    items.map((item) => (
      <a
        key={item.section}
        href={routeHash(item.route)}
        data-testid={item.section === 'admin' ? 'nav-admin' : `nav-${item.section}`}
        aria-current={item.section === active ? 'page' : undefined}
        className={vertical ? 'nautilus-menu-link' : undefined}
        onClick={() => setMenuOpen(false)}
        style={{
          color: item.section === active ? token.colorPrimary : token.colorTextSecondary,
          fontWeight: 500,
          whiteSpace: 'nowrap',
        }}
      >
        {item.label}
      </a>
    ));

  const account = (
    <>
      <Switch
        data-testid="theme-toggle"
        checked={mode === 'dark'}
        checkedChildren="Dark"
        unCheckedChildren="Light"
        onChange={(dark) => setMode(dark ? 'dark' : 'light')}
        aria-label="Dark theme"
      />
      <Typography.Text data-testid="current-user">{user.username}</Typography.Text>
      <Tag data-testid="current-role" style={{ marginInlineEnd: 0 }}>
        {user.role}
      </Tag>
      <Button data-testid="logout" size="small" loading={logout.isPending} onClick={() => logout.mutate()}>
        Log out
      </Button>
    </>
  );

  // The live connection's state (Reconnecting…, Resynced) sits beside the bell, on every page.
  const bell = (
    <>
      <LiveConnectionStatus />
      <Suspense fallback={<span style={{ width: 32 }} />}>
        <Tooltip title="Risk alerts">
          <span>
            <AlertsBell />
          </span>
        </Tooltip>
      </Suspense>
    </>
  );

  return (
    <Layout.Header
      className="nautilus-header"
      style={{
        display: 'flex',
        alignItems: 'center',
        gap: narrow ? 8 : 16,
        paddingInline: narrow ? 12 : 24,
        background: token.colorBgContainer,
        borderBottom: `1px solid ${token.colorBorderSecondary}`,
      }}
    >
      <a href={routeHash({ name: 'list' })} style={{ color: token.colorText, fontSize: 18, fontWeight: 600 }}>
        Nautilus
      </a>
      {narrow ? (
        <>
          <Typography.Text type="secondary" ellipsis style={{ minWidth: 0 }} data-testid="header-section">
            {sectionTitle(route)}
          </Typography.Text>
          <Flex align="center" gap={4} style={{ marginLeft: 'auto' }}>
            {bell}
            <Tooltip title="Menu">
              <Button
                type="text"
                icon={<MenuIcon />}
                aria-label="Menu"
                aria-expanded={menuOpen}
                data-testid="header-menu"
                onClick={() => setMenuOpen(true)}
              />
            </Tooltip>
          </Flex>
          <Drawer
            open={menuOpen}
            onClose={() => setMenuOpen(false)}
            placement="right"
            size={280}
            title="Nautilus"
            forceRender
            data-testid="header-menu-drawer"
          >
            <nav className="nautilus-menu-nav">{links(true)}</nav>
            <Flex wrap align="center" gap={12} className="nautilus-menu-account">
              {account}
            </Flex>
          </Drawer>
        </>
      ) : (
        <>
          <nav style={{ display: 'flex', flexWrap: 'wrap', columnGap: 16 }}>{links(false)}</nav>
          <Flex align="center" gap={12} style={{ marginLeft: 'auto' }}>
            {bell}
            {account}
          </Flex>
        </>
      )}
    </Layout.Header>
  );
}
