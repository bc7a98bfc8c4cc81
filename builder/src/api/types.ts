import type { trpc } from './trpc.ts';

// Shapes come from the server's router, so a change there breaks the build here instead of the page.
type Output<T extends (...args: any[]) => Promise<unknown>> = Awaited<ReturnType<T>>;

export type User = Output<typeof trpc.auth.me.query>;
export type Role = User['role'];
export type DashboardSummary = Output<typeof trpc.dashboards.list.query>[number];
export type DashboardRecord = Output<typeof trpc.dashboards.get.query>;
export type DashboardId = DashboardSummary['id'];
export type DashboardVersionInfo = Output<typeof trpc.dashboards.history.query>[number];
/** A palette entry: one widget of an active plugin, with its bundle URL and options schema. */
export type WidgetInfo = Output<typeof trpc.widgets.list.query>[number];
/** A data source of an active plugin, with the JSON Schema of its query params. */
export type DataSourceInfo = Output<typeof trpc.dataSources.list.query>[number];
export type QueryResult = Output<typeof trpc.dataSources.query.query>;
export type PluginStatus = Output<typeof trpc.plugins.list.query>[number];
