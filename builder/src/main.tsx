import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { createQueryClient } from './api/query-client.ts';
import { currentUserQuery } from './auth/useSession.ts';
import { prefetchDashboard } from './dashboard-page/prefetch-dashboard.ts';
import { preloadRoute } from './routing/preload-route.ts';
import { parseRoute } from './routing/route.ts';
import { ThemeModeProvider } from './theme/ThemeModeProvider.tsx';
import { readThemeMode } from './theme/theme-mode.ts';

// The saved theme before anything renders (the page is dark until then), so light stays light.
document.documentElement.dataset.theme = readThemeMode(window.localStorage);

const queryClient = createQueryClient();
// When opening a dashboard link, the dashboard and the session check go out in one request before React
// renders anything. The dashboard comes first: its answer starts the panels' data requests, and the
// first render waits until they have left (until then the page shows the boot spinner anyway).
const initialRoute = parseRoute(window.location.hash);
const prefetched = initialRoute.name === 'dashboard' ? prefetchDashboard(queryClient, initialRoute.id) : Promise.resolve();
void queryClient.prefetchQuery(currentUserQuery);
preloadRoute(queryClient, initialRoute);

void prefetched.finally(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <ThemeModeProvider>
          <App />
        </ThemeModeProvider>
      </QueryClientProvider>
    </StrictMode>,
  ),
);
