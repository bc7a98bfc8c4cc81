import { Button, Layout, Result, Spin } from 'antd';
import { lazy, Suspense, useEffect } from 'react';
import { describeApiError } from './api/api-error.ts';
import type { User } from './api/types.ts';
import { useCurrentUser } from './auth/useSession.ts';
import { DashboardPage } from './dashboard-page/DashboardPage.tsx';
import { navigate, useRoute } from './routing/navigation.ts';
import { parseRoute, type Route, routeHash, routePath } from './routing/route.ts';
import { AppHeader } from './shell/AppHeader.tsx';
import { useDocumentTitle } from './shell/useDocumentTitle.ts';
import { useEscapeInFields } from './shell/useEscapeInFields.ts';

// Each page loads with its first visit: opening a dashboard link does not download the list's table.
const LoginPage = lazy(() => import('./auth/LoginPage.tsx').then((module) => ({ default: module.LoginPage })));
const DashboardsPage = lazy(() =>
  import('./dashboards/DashboardsPage.tsx').then((module) => ({ default: module.DashboardsPage })),
);
const StrategiesPage = lazy(() =>
  import('./strategy-lab/StrategiesPage.tsx').then((module) => ({ default: module.StrategiesPage })),
);
const StrategyLabPage = lazy(() =>
  import('./strategy-lab/StrategyLabPage.tsx').then((module) => ({ default: module.StrategyLabPage })),
);
const FilesPage = lazy(() => import('./files/FilesPage.tsx').then((module) => ({ default: module.FilesPage })));
const DataSourcesPage = lazy(() =>
  import('./data-sources/DataSourcesPage.tsx').then((module) => ({ default: module.DataSourcesPage })),
);
const PortfoliosPage = lazy(() =>
  import('./portfolios/PortfoliosPage.tsx').then((module) => ({ default: module.PortfoliosPage })),
);
const PortfolioPage = lazy(() => import('./portfolios/PortfolioPage.tsx').then((module) => ({ default: module.PortfolioPage })));
const SharedDashboardPage = lazy(() =>
  import('./sharing/SharedDashboardPage.tsx').then((module) => ({ default: module.SharedDashboardPage })),
);
const UsersPage = lazy(() => import('./admin/UsersPage.tsx').then((module) => ({ default: module.UsersPage })));
const ApiKeysPage = lazy(() => import('./admin/ApiKeysPage.tsx').then((module) => ({ default: module.ApiKeysPage })));
const AuditPage = lazy(() => import('./admin/AuditPage.tsx').then((module) => ({ default: module.AuditPage })));
const PluginsPage = lazy(() => import('./plugins/PluginsPage.tsx').then((module) => ({ default: module.PluginsPage })));

/** Decides between the login page and the app, and keeps the URL in step with that decision. */
export function App() {
  const me = useCurrentUser();
  const route = useRoute();
  const user = me.data;
  const routeKey = routeHash(route);
  // App-wide: the tab names the page; Escape in a dialog's field never closes the dialog.
  useDocumentTitle(route);
  useEscapeInFields();

  useEffect(() => {
    const current = parseRoute(routeKey);
    if (current.name === 'shared') return; // a share link needs no login
    if (user === null && current.name !== 'login') {
      // Remember where the user was going; the login page sends them there afterwards.
      navigate({ name: 'login', next: current.name === 'list' ? undefined : routePath(current) }, { replace: true });
    } else if (user && current.name === 'login') {
      navigate(current.next ? parseRoute(current.next) : { name: 'list' }, { replace: true });
    }
  }, [user, routeKey]);

  // A share link's holder gets the dashboard alone: no login, no header, whoever is signed in.
  if (route.name === 'shared') {
    return (
      <Suspense fallback={<Spin fullscreen />}>
        <SharedDashboardPage key={route.token} token={route.token} />
      </Suspense>
    );
  }
  if (me.isPending) return <div className="nautilus-boot" role="status" aria-label="Loading" />;
  if (me.error) {
    return (
      <Result
        status="error"
        title="Nautilus is unavailable"
        subTitle={describeApiError(me.error).message}
        extra={<Button onClick={() => void me.refetch()}>Try again</Button>}
      />
    );
  }
  if (!user) {
    return (
      <Suspense fallback={<Spin fullscreen />}>
        <LoginPage />
      </Suspense>
    );
  }
  return <Shell user={user} route={route} />;
}

// A dashboard uses the whole window below the header and scrolls inside; other pages read as a column.
const pageContent = {
  padding: 'var(--nautilus-page-padding, 24px)',
  width: '100%',
  maxWidth: 1400,
  marginInline: 'auto',
} as const;
const dashboardContent = { display: 'flex', flexDirection: 'column', minHeight: 0, width: '100%' } as const;

function Shell({ user, route }: { user: User; route: Route }) {
  const isDashboard = route.name === 'dashboard';
  return (
    <Layout style={isDashboard ? { height: '100dvh' } : { minHeight: '100vh' }}>
      <AppHeader user={user} />
      <Layout.Content style={isDashboard ? dashboardContent : pageContent}>
        <Suspense fallback={<Spin style={{ margin: 48 }} />}>
          <Page user={user} route={route} />
        </Suspense>
      </Layout.Content>
    </Layout>
  );
}

function Page({ user, route }: { user: User; route: Route }) {
  switch (route.name) {
    case 'list':
      return <DashboardsPage user={user} />;
    case 'dashboard':
      return <DashboardPage key={route.id} id={route.id} edit={route.edit === true} user={user} />;
    case 'strategies':
      return <StrategiesPage user={user} />;
    case 'strategy':
      return <StrategyLabPage key={route.id} id={route.id} user={user} run={route.run} deployment={route.deployment} />;
    case 'portfolios':
      return <PortfoliosPage user={user} />;
    case 'new-portfolio':
      return <PortfolioPage key="new" user={user} />;
    case 'portfolio':
      return <PortfolioPage key={route.id} id={route.id} user={user} />;
    case 'data-sources':
      return <DataSourcesPage user={user} />;
    case 'files':
      return <FilesPage user={user} />;
    case 'users':
      return <UsersPage user={user} />;
    case 'api-keys':
      return <ApiKeysPage user={user} />;
    case 'audit':
      return <AuditPage user={user} />;
    case 'plugins':
      return <PluginsPage user={user} />;
    case 'shared':
      return <Spin />; // rendered outside the shell, above
    case 'login':
      return <Spin />; // redirecting to the page the user asked for
    case 'not-found':
      return (
        <Result
          status="404"
          title="No such page"
          subTitle={`Nothing lives at ${route.path}.`}
          extra={<a href={routeHash({ name: 'list' })}>Go to the dashboards</a>}
        />
      );
  }
}
