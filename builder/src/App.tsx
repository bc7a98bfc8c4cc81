import { Button, Layout, Result, Spin } from 'antd';
import { useEffect } from 'react';
import { describeApiError } from './api/api-error.ts';
import type { User } from './api/types.ts';
import { LoginPage } from './auth/LoginPage.tsx';
import { useCurrentUser } from './auth/useSession.ts';
import { DashboardPage } from './dashboards/DashboardPage.tsx';
import { DashboardsPage } from './dashboards/DashboardsPage.tsx';
import { navigate, useRoute } from './routing/navigation.ts';
import { parseRoute, type Route, routeHash, routePath } from './routing/route.ts';
import { AppHeader } from './shell/AppHeader.tsx';

/** Decides between the login page and the app, and keeps the URL in step with that decision. */
export function App() {
  const me = useCurrentUser();
  const route = useRoute();
  const user = me.data;
  const routeKey = routeHash(route);

  useEffect(() => {
    const current = parseRoute(routeKey);
    if (user === null && current.name !== 'login') {
      // Remember where the user was going; the login page sends them there afterwards.
      navigate({ name: 'login', next: current.name === 'list' ? undefined : routePath(current) }, { replace: true });
    } else if (user && current.name === 'login') {
      navigate(current.next ? parseRoute(current.next) : { name: 'list' }, { replace: true });
    }
  }, [user, routeKey]);

  if (me.isPending) return <Spin fullscreen />;
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
  if (!user) return <LoginPage />;
  return <Shell user={user} route={route} />;
}

function Shell({ user, route }: { user: User; route: Route }) {
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <AppHeader user={user} />
      <Layout.Content style={{ padding: 24, width: '100%', maxWidth: 1400, marginInline: 'auto' }}>
        <Page user={user} route={route} />
      </Layout.Content>
    </Layout>
  );
}

function Page({ user, route }: { user: User; route: Route }) {
  switch (route.name) {
    case 'list':
      return <DashboardsPage user={user} />;
    case 'dashboard':
      return <DashboardPage key={route.id} id={route.id} />;
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
