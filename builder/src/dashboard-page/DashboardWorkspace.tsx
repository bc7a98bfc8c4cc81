import type { GridPos } from '@nautilus/sdk';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, theme as antdTheme, Button } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { describeApiError } from '../api/api-error.ts';
import type { DashboardRecord, WidgetInfo } from '../api/types.ts';
import { useCurrentUser } from '../auth/useSession.ts';
import { DashboardCanvas } from '../canvas/DashboardCanvas.tsx';
import { useInstruments } from '../data/useInstruments.ts';
import { canRedo, canUndo, createEditorState, editorReducer, isDirty, type LayoutCell } from '../editor/editor-state.ts';
import { createPanel, newPanelId } from '../editor/new-panel.ts';
import { type PanelEnvironment, PanelEnvironmentContext } from '../panels/panel-context.ts';
import { navigate } from '../routing/navigation.ts';
import { type Route, routeHash } from '../routing/route.ts';
import { useExportTemplate } from '../templates/useTemplates.ts';
import { useThemeMode } from '../theme/useThemeMode.ts';
import { DashboardToolbar } from './DashboardToolbar.tsx';
import { dashboardCssVariables } from './dashboard-css-variables.ts';
import './dashboard-page.css';
import { useUnsavedChangesGuard } from '../routing/useUnsavedChangesGuard.ts';
import { UrlViewNotice } from './UrlViewNotice.tsx';
import { useDashboardCatalog } from './useDashboardCatalog.ts';
import { useEditorShortcuts } from './useEditorShortcuts.ts';
import { useRestoreVersion } from './useRestoreVersion.ts';
import { useSaveFlow } from './useSaveFlow.ts';
import { useViewState } from './useViewState.ts';

// Edit mode's parts come in one chunk on the first switch to Edit: viewers never load them.
const editMode = () => import('../editor/edit-mode.ts');
const EditControls = lazy(() => editMode().then((module) => ({ default: module.EditControls })));
const Palette = lazy(() => editMode().then((module) => ({ default: module.Palette })));
const Inspector = lazy(() => editMode().then((module) => ({ default: module.Inspector })));
const HistoryDrawer = lazy(() => editMode().then((module) => ({ default: module.HistoryDrawer })));
const SettingsDialog = lazy(() => editMode().then((module) => ({ default: module.SettingsDialog })));
const SaveConflictDialog = lazy(() => editMode().then((module) => ({ default: module.SaveConflictDialog })));
const SaveProblemDialog = lazy(() => editMode().then((module) => ({ default: module.SaveProblemDialog })));
const ShareDialog = lazy(() => import('../sharing/ShareDialog.tsx'));

interface Props {
  /** The version the editor starts from. */
  record: DashboardRecord;
  /** The newest version the server has reported since (refetches); adopted when nothing is unsaved. */
  latest: DashboardRecord;
  editRequested: boolean;
  canEdit: boolean;
  /** Admin on this dashboard (its owner, an admin, or granted admin): share links and grants. */
  canShare?: boolean;
}

/** One open dashboard: its editor state, the view state (variables, time, refresh), and the page around the canvas. */
export function DashboardWorkspace({ record, latest, editRequested, canEdit, canShare = false }: Props) {
  const id = record.id;
  const [editor, dispatch] = useReducer(editorReducer, record, (initial) => createEditorState(initial.document, initial.version));
  const editorRef = useRef(editor);
  editorRef.current = editor;
  const { document } = editor;
  const dirty = useMemo(() => isDirty(editor), [editor]);
  const editing = canEdit && editRequested;
  const { mode: themeMode } = useThemeMode();
  const { token } = antdTheme.useToken();
  const { message } = App.useApp();
  // Exports the saved version: what others would import.
  const exportTemplate = useExportTemplate();
  const queryClient = useQueryClient();

  const view = useViewState(document);
  const [selectedId, setSelectedId] = useState<string>();
  const [historyOpen, setHistoryOpen] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [sharing, setSharing] = useState(false);
  const selectedPanel = editing ? document.panels.find((panel) => panel.id === selectedId) : undefined;

  const { widgets, dataSources, widgetsByType, dataSourcesByRef, pluginProblems } = useDashboardCatalog(document.panels);
  const canInstallPlugins = useCurrentUser().data?.role === 'admin';
  const instruments = useInstruments(editing || document.variables.some((variable) => variable.type === 'instrument'));

  const widgetsRef = useRef(widgetsByType);
  widgetsRef.current = widgetsByType;
  const dataSourcesRef = useRef(dataSources.data);
  dataSourcesRef.current = dataSources.data;

  const actions = useMemo(
    () => ({
      edit: (panelId: string) => setSelectedId(panelId),
      duplicate: (panelId: string) => {
        const newId = newPanelId(editorRef.current.document.panels.map((panel) => panel.id));
        dispatch({ type: 'duplicatePanel', id: panelId, newId });
        setSelectedId(newId);
      },
      remove: (panelId: string) => {
        const panel = editorRef.current.document.panels.find((item) => item.id === panelId);
        dispatch({ type: 'removePanel', id: panelId });
        setSelectedId((current) => (current === panelId ? undefined : current));
        if (panel) message.info(`Panel “${panel.title || panel.id}” deleted. Undo brings it back.`);
      },
    }),
    [message],
  );

  const environment = useMemo<PanelEnvironment>(
    () => ({
      widgets: widgetsByType,
      widgetsStatus: widgets.status,
      dataSources: dataSourcesByRef,
      pluginProblems,
      canInstallPlugins,
      theme: themeMode,
      actions,
    }),
    [widgetsByType, widgets.status, dataSourcesByRef, pluginProblems, canInstallPlugins, themeMode, actions],
  );

  // A panel added by a click in the palette, to scroll into view once it is on the canvas.
  const [revealId, setRevealId] = useState<string>();
  const addPanel = useCallback((widget: WidgetInfo, gridPos?: GridPos, layout?: LayoutCell[]) => {
    const current = editorRef.current.document;
    const panel = createPanel(
      widget,
      { panels: current.panels, variables: current.variables, dataSources: dataSourcesRef.current ?? [] },
      gridPos ? { gridPos } : {},
    );
    dispatch(layout ? { type: 'addPanel', panel, layout } : { type: 'addPanel', panel });
    setSelectedId(panel.id);
    // Clicked in the palette, it lands at the first free place, maybe below the fold: bring it into view.
    if (!gridPos) setRevealId(panel.id);
  }, []);
  useEffect(() => {
    if (!revealId) return;
    // After the grid has placed it and the inspector has opened below the canvas (which shrinks it).
    const reveal = () =>
      window.document
        .querySelector(`[data-testid="panel-${CSS.escape(revealId)}"]`)
        ?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    const frame = requestAnimationFrame(reveal);
    const settled = window.setTimeout(() => {
      reveal();
      setRevealId(undefined);
    }, 300);
    return () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(settled);
    };
  }, [revealId]);
  const onDropWidget = useCallback(
    (type: string, gridPos: GridPos, layout: LayoutCell[]) => {
      const widget = widgetsRef.current.get(type);
      if (widget) addPanel(widget, gridPos, layout);
    },
    [addPanel],
  );
  const onLayoutCommit = useCallback((layout: LayoutCell[]) => dispatch({ type: 'applyLayout', layout }), []);

  const saving = useSaveFlow(id, editorRef, dispatch);
  // Switching between view and edit mode keeps the work on screen.
  const staysOnDashboard = useCallback((next: Route) => next.name === 'dashboard' && next.id === id, [id]);
  useUnsavedChangesGuard(dirty, staysOnDashboard, 'this dashboard');
  useEditorShortcuts(editing, {
    save: () => {
      if (dirty) void saving.save();
    },
    undo: () => dispatch({ type: 'undo' }),
    redo: () => dispatch({ type: 'redo' }),
  });

  // Someone else saved: follow along when nothing here is unsaved; otherwise say so and keep the local work.
  const newer = latest.version > editor.baseVersion ? latest : undefined;
  useEffect(() => {
    if (newer && !dirty && !saving.busy) dispatch({ type: 'load', version: newer.version, document: newer.document });
  }, [newer, dirty, saving.busy]);

  const refreshNow = useCallback(() => void queryClient.invalidateQueries({ queryKey: ['dataSources.query'] }), [queryClient]);

  const restoring = useRestoreVersion(id, editorRef, dispatch);
  const restore = async (version: number) => {
    if (await restoring.restore(version)) setHistoryOpen(false);
  };

  const toggleMode = () => {
    if (editing) setSelectedId(undefined);
    navigate(editing ? { name: 'dashboard', id } : { name: 'dashboard', id, edit: true });
  };

  const style = dashboardCssVariables(token);

  return (
    <PanelEnvironmentContext value={environment}>
      <div className="nautilus-dashboard" data-testid="dashboard-page" style={style}>
        <DashboardToolbar
          title={document.title}
          dirty={dirty}
          variables={document.variables}
          values={view.values}
          instruments={instruments}
          onVariableChange={view.setVariable}
          timeRange={view.timeRange}
          onTimeRangeChange={view.setTimeRange}
          refresh={view.refresh}
          onRefreshChange={view.setRefresh}
          onRefreshNow={refreshNow}
          onToggleMode={canEdit ? toggleMode : undefined}
          onShare={canShare ? () => setSharing(true) : undefined}
          onExportTemplate={() =>
            exportTemplate.mutate(id, {
              onError: (error) => void message.error(`Not exported: ${describeApiError(error).message}`),
            })
          }
          editing={editing}
          editControls={
            <Suspense fallback={null}>
              <EditControls
                canUndo={canUndo(editor)}
                canRedo={canRedo(editor)}
                dirty={dirty}
                saving={saving.busy === 'save'}
                viewDiffersFromDefaults={view.differsFromDefaults}
                onUndo={() => dispatch({ type: 'undo' })}
                onRedo={() => dispatch({ type: 'redo' })}
                onHistory={() => setHistoryOpen(true)}
                onSettings={() => setSettingsOpen(true)}
                onSaveDefaults={() => dispatch({ type: 'updateSettings', changes: view.asDefaults() })}
                onSave={() => void saving.save()}
              />
            </Suspense>
          }
        />
        <UrlViewNotice
          problems={view.urlProblems}
          variables={document.variables}
          defaults={document.timeRange}
          onClose={view.dismissUrlProblems}
        />
        {newer && dirty && (
          <Alert
            banner
            type="warning"
            title={`${newer.updatedBy ?? 'Someone'} saved version ${newer.version} while you were editing. Your changes are kept; saving will ask what to do.`}
            action={
              <Button size="small" href={routeHash({ name: 'dashboard', id })} target="_blank">
                Open theirs
              </Button>
            }
          />
        )}
        {widgets.error && (
          <Alert banner type="error" title={`Widgets could not be listed: ${describeApiError(widgets.error).message}`} />
        )}
        <div className="nautilus-workspace">
          {editing && (
            <Suspense fallback={<aside className="nautilus-palette" />}>
              <Palette
                widgets={widgets.data}
                loading={widgets.isPending}
                error={widgets.error ? describeApiError(widgets.error).message : undefined}
                onAdd={addPanel}
              />
            </Suspense>
          )}
          <div className="nautilus-main">
            <div className="nautilus-scroll">
              <DashboardCanvas
                panels={document.panels}
                editing={editing}
                selectedId={selectedPanel?.id}
                values={view.values}
                timeRange={view.timeRange}
                refresh={view.refresh}
                onLayoutCommit={onLayoutCommit}
                onDropWidget={onDropWidget}
              />
            </div>
            {selectedPanel && (
              <Suspense fallback={null}>
                <Inspector
                  panel={selectedPanel}
                  widget={widgetsByType.get(selectedPanel.type)}
                  dataSources={dataSources.data ?? []}
                  variables={document.variables}
                  instruments={instruments}
                  dispatch={dispatch}
                  onClose={() => setSelectedId(undefined)}
                />
              </Suspense>
            )}
          </div>
        </div>
        {editing && (
          <Suspense fallback={null}>
            {historyOpen && (
              <HistoryDrawer
                id={id}
                open={historyOpen}
                baseVersion={editor.baseVersion}
                restoring={restoring.restoring}
                onRestore={(version) => void restore(version)}
                onClose={() => setHistoryOpen(false)}
              />
            )}
            {settingsOpen && (
              <SettingsDialog
                document={document}
                instruments={instruments}
                onClose={() => setSettingsOpen(false)}
                onApply={(changes) => {
                  dispatch({ type: 'updateSettings', changes });
                  setSettingsOpen(false);
                }}
              />
            )}
          </Suspense>
        )}
        <Suspense fallback={null}>
          {sharing && (
            <ShareDialog
              dashboardId={id}
              title={document.title}
              values={view.values}
              timeRange={view.timeRange}
              onClose={() => setSharing(false)}
            />
          )}
          {saving.conflict && (
            <SaveConflictDialog
              conflict={saving.conflict}
              busy={saving.busy === 'copy' || saving.busy === 'overwrite' ? saving.busy : undefined}
              onKeepEditing={saving.dismissConflict}
              onOpenTheirs={() =>
                window.open(`${window.location.pathname}${routeHash({ name: 'dashboard', id })}`, '_blank', 'noopener')
              }
              onSaveCopy={() => void saving.saveCopy()}
              onOverwrite={() => void saving.overwrite()}
            />
          )}
          {saving.problem && (
            <SaveProblemDialog
              message={saving.problem.message}
              fields={saving.problem.fields}
              document={document}
              onClose={saving.dismissProblem}
            />
          )}
        </Suspense>
      </div>
    </PanelEnvironmentContext>
  );
}
