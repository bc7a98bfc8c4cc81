import { Button, Flex, Grid, Layout, Switch, Tag, Typography, theme } from 'antd';
import { lazy, Suspense } from 'react';
import type { User } from '../api/types.ts';
import { useLogout } from '../auth/useSession.ts';
import { useRoute } from '../routing/navigation.ts';
import { routeHash } from '../routing/route.ts';
import { useThemeMode } from '../theme/useThemeMode.ts';

// The bell (antd Badge, the alerts query) loads after the page: a dashboard view does not wait for it.
const AlertsBell = lazy(() => import('../alerts/AlertsBell.tsx').then((module) => ({ default: module.AlertsBell })));

/** Product name, navigation, risk alerts, theme toggle, the signed-in user with their role, and logout. */
export function AppHeader({ user }: { user: User }) {
  const { token } = theme.useToken();
  // Below 768 px the user's controls wrap onto a second row instead of running off the screen.
  const narrow = Grid.useBreakpoint().md === false;
  const { mode, setMode } = useThemeMode();
  const logout = useLogout();
  const route = useRoute();
  const inLab = route.name === 'strategies' || route.name === 'strategy';
  const inPortfolios = route.name === 'portfolios' || route.name === 'portfolio' || route.name === 'new-portfolio';
  const inDataSources = route.name === 'data-sources';
  const inFiles = route.name === 'files';
  const navLink = (active: boolean) => ({
    color: active ? token.colorPrimary : token.colorTextSecondary,
    fontWeight: 500,
    whiteSpace: 'nowrap' as const,
  });

  return (
    <Layout.Header
      style={{
        display: 'flex',
        alignItems: 'center',
        gap: narrow ? 8 : 16,
        paddingInline: narrow ? 12 : 24,
        ...(narrow ? { flexWrap: 'wrap', height: 'auto', lineHeight: '32px', paddingBlock: 8 } : {}),
        background: token.colorBgContainer,
        borderBottom: `1px solid ${token.colorBorderSecondary}`,
      }}
    >
      <a href={routeHash({ name: 'list' })} style={{ color: token.colorText, fontSize: 18, fontWeight: 600 }}>
        Nautilus
      </a>
      <nav style={{ display: 'flex', flexWrap: 'wrap', columnGap: narrow ? 12 : 16 }}>
        <a
          href={routeHash({ name: 'list' })}
          data-testid="nav-dashboards"
          style={navLink(!inLab && !inPortfolios && !inDataSources && !inFiles)}
        >
          Dashboards
        </a>
        <a href={routeHash({ name: 'strategies' })} data-testid="nav-strategies" style={navLink(inLab)}>
          Strategies
        </a>
        <a href={routeHash({ name: 'portfolios' })} data-testid="nav-portfolios" style={navLink(inPortfolios)}>
          Portfolios
        </a>
        <a href={routeHash({ name: 'files' })} data-testid="nav-files" style={navLink(inFiles)}>
          Files
        </a>
        {user.role === 'admin' && (
          <a href={routeHash({ name: 'data-sources' })} data-testid="nav-data-sources" style={navLink(inDataSources)}>
            Data sources
          </a>
        )}
      </nav>
      <Flex align="center" gap={12} style={{ marginLeft: 'auto' }}>
        <Suspense fallback={<span style={{ width: 32 }} />}>
          <AlertsBell />
        </Suspense>
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
      </Flex>
    </Layout.Header>
  );
}
