import { createContext, useContext } from 'react';
import type { DataSourceInfo, WidgetInfo } from '../api/types.ts';
import type { PanelDataOptionsFactory } from '../data/panel-data-options.ts';

/** What a panel does when its header buttons are pressed (edit mode). */
export interface PanelActions {
  edit(id: string): void;
  duplicate(id: string): void;
  remove(id: string): void;
}

/**
 * Dashboard-wide facts every panel reads. They change rarely (the catalog loads, the theme flips), so
 * a context spares each of 24 panels a handful of props.
 */
export interface PanelEnvironment {
  widgets: ReadonlyMap<string, WidgetInfo>;
  /** `widgets.list` is still loading, or failed (then every panel says so). */
  widgetsStatus: 'pending' | 'error' | 'success';
  /** With its query schema when known: a query the server refuses is then explained with the form's field names. */
  dataSources: ReadonlyMap<
    string,
    Pick<DataSourceInfo, 'name'> & Partial<Pick<DataSourceInfo, 'querySchema' | 'streaming' | 'frames'>>
  >;
  /** Why a plugin is not active, by plugin id, for panels whose widget is missing. */
  pluginProblems: ReadonlyMap<string, string>;
  /** The viewer is an admin: a panel whose plugin is missing links to the Plugins page. */
  canInstallPlugins?: boolean;
  theme: 'dark' | 'light';
  actions: PanelActions;
  /** How panels fetch their data; the app's `dataSources.query` when absent (a share link's view sets its own). */
  dataOptions?: PanelDataOptionsFactory;
}

export const PanelEnvironmentContext = createContext<PanelEnvironment | null>(null);

export function usePanelEnvironment(): PanelEnvironment {
  const environment = useContext(PanelEnvironmentContext);
  if (!environment) throw new Error('Panels must be rendered inside <PanelEnvironmentContext>.');
  return environment;
}
