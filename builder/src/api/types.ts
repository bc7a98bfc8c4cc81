import type { trpc } from './trpc.ts';

// Shapes come from the server's router, so a change there breaks the build here instead of the page.
type Output<T extends (...args: any[]) => Promise<unknown>> = Awaited<ReturnType<T>>;

export type User = Output<typeof trpc.auth.me.query>;
export type Role = User['role'];
export type DashboardSummary = Output<typeof trpc.dashboards.list.query>[number];
export type DashboardRecord = Output<typeof trpc.dashboards.get.query>;
export type DashboardId = DashboardSummary['id'];
