import { type DashboardDocument, type DashboardVariable, GRID_COLUMNS, type GridPos, type Panel, sameJson } from '@nautilus/sdk';
import { firstFreeSpot, overlaps } from './grid-placement.ts';

/** A panel's place on the grid as react-grid-layout reports it (`i` is the panel id). */
export interface LayoutCell extends GridPos {
  i: string;
}

/**
 * The dashboard being edited: the document, undo and redo stacks, and what was last saved. Pure data;
 * `editorReducer` is the only way it changes, so every change is undoable.
 */
export interface EditorState {
  document: DashboardDocument;
  past: DashboardDocument[];
  future: DashboardDocument[];
  /** The document as the server has it at `baseVersion`: the document is dirty when it differs. */
  savedDocument: DashboardDocument;
  /** The version this document was loaded or last saved as; the next save goes on top of it. */
  baseVersion: number;
  /** Changes with the same key in quick succession (typing a title) are one undo step. */
  lastChange?: { key: string; at: number };
}

type SettingsChanges = Partial<Pick<DashboardDocument, 'title' | 'description' | 'tags' | 'timeRange' | 'refresh' | 'variables'>>;

export type EditorAction =
  | { type: 'addPanel'; panel: Panel; layout?: readonly LayoutCell[] }
  | { type: 'applyLayout'; layout: readonly LayoutCell[] }
  | { type: 'duplicatePanel'; id: string; newId: string }
  | { type: 'removePanel'; id: string }
  | {
      type: 'updatePanel';
      id: string;
      changes: Partial<Pick<Panel, 'title' | 'query' | 'options'>> & {
        query?: Panel['query'] | undefined;
        transforms?: Panel['transforms'] | undefined;
      };
      /** Same key as the previous change, within COALESCE_MS: replaces it in the undo history. */
      coalesceKey?: string;
      at?: number;
    }
  | { type: 'updateSettings'; changes: SettingsChanges }
  | { type: 'setVariables'; variables: DashboardVariable[] }
  | { type: 'undo' }
  | { type: 'redo' }
  /** The server stored `document` as `version` (it may be older than the current document). */
  | { type: 'saved'; version: number; document: DashboardDocument }
  /** Start over from a version read from the server (restore, or adopting someone else's save). */
  | { type: 'load'; version: number; document: DashboardDocument };

export const HISTORY_LIMIT = 100;
export const COALESCE_MS = 1000;

export function createEditorState(document: DashboardDocument, version: number): EditorState {
  return { document, past: [], future: [], savedDocument: document, baseVersion: version };
}

/** True when the document differs from the saved version (undoing back to it makes it clean again). */
export function isDirty(state: EditorState): boolean {
  return state.document !== state.savedDocument && !sameJson(state.document, state.savedDocument);
}

export const canUndo = (state: EditorState) => state.past.length > 0;
export const canRedo = (state: EditorState) => state.future.length > 0;

export function editorReducer(state: EditorState, action: EditorAction): EditorState {
  switch (action.type) {
    case 'undo': {
      const previous = state.past.at(-1);
      if (!previous) return state;
      const { lastChange: _, ...rest } = state;
      return { ...rest, document: previous, past: state.past.slice(0, -1), future: [state.document, ...state.future] };
    }
    case 'redo': {
      const [next, ...future] = state.future;
      if (!next) return state;
      const { lastChange: _, ...rest } = state;
      return { ...rest, document: next, past: [...state.past, state.document], future };
    }
    case 'saved':
      return { ...state, savedDocument: action.document, baseVersion: action.version };
    case 'load':
      return createEditorState(action.document, action.version);
    case 'updatePanel': {
      const document = mapPanel(state.document, action.id, (panel) => withPanelChanges(panel, action.changes));
      if (!action.coalesceKey) return commit(state, document);
      const at = action.at ?? Date.now();
      const key = `${action.id}:${action.coalesceKey}`;
      const coalesce = state.lastChange?.key === key && at - state.lastChange.at < COALESCE_MS;
      return commit(state, document, { key, at }, coalesce);
    }
    default:
      return commit(state, applyChange(state.document, action));
  }
}

// Document changes that are always their own undo step.
function applyChange(document: DashboardDocument, action: EditorAction): DashboardDocument {
  switch (action.type) {
    case 'addPanel': {
      if (document.panels.some((panel) => panel.id === action.panel.id)) return document;
      const withPanel = { ...document, panels: [...document.panels, action.panel] };
      return action.layout ? withLayout(withPanel, action.layout) : withPanel;
    }
    case 'applyLayout':
      return withLayout(document, action.layout);
    case 'duplicatePanel': {
      const original = document.panels.find((panel) => panel.id === action.id);
      if (!original || document.panels.some((panel) => panel.id === action.newId)) return document;
      const copy: Panel = {
        ...structuredClone(original),
        id: action.newId,
        gridPos: duplicatePosition(document.panels, original),
      };
      const index = document.panels.indexOf(original);
      return { ...document, panels: [...document.panels.slice(0, index + 1), copy, ...document.panels.slice(index + 1)] };
    }
    case 'removePanel': {
      const panels = document.panels.filter((panel) => panel.id !== action.id);
      return panels.length === document.panels.length ? document : { ...document, panels };
    }
    case 'updateSettings':
      return { ...document, ...action.changes };
    case 'setVariables':
      return { ...document, variables: action.variables };
    default:
      return document;
  }
}

function commit(
  state: EditorState,
  document: DashboardDocument,
  lastChange?: { key: string; at: number },
  coalesce = false,
): EditorState {
  if (document === state.document) return state;
  const past = coalesce ? state.past : [...state.past, state.document].slice(-HISTORY_LIMIT);
  const next: EditorState = { ...state, document, past, future: [] };
  if (lastChange) next.lastChange = lastChange;
  else delete next.lastChange;
  return next;
}

function mapPanel(document: DashboardDocument, id: string, change: (panel: Panel) => Panel): DashboardDocument {
  let changed = false;
  const panels = document.panels.map((panel) => {
    if (panel.id !== id) return panel;
    const next = change(panel);
    changed ||= next !== panel;
    return next;
  });
  return changed ? { ...document, panels } : document;
}

function withPanelChanges(panel: Panel, changes: Extract<EditorAction, { type: 'updatePanel' }>['changes']): Panel {
  const next: Panel = { ...panel, ...changes };
  // `query: undefined` removes the query (a widget that takes no data); the schema has no null.
  if ('query' in changes && changes.query === undefined) delete next.query;
  if ('transforms' in changes && changes.transforms === undefined) delete next.transforms;
  return sameJson(next, panel) ? panel : next;
}

/** The document with each panel at its place in `layout`; panels that did not move stay the same objects. */
function withLayout(document: DashboardDocument, layout: readonly LayoutCell[]): DashboardDocument {
  const cells = new Map(layout.map((cell) => [cell.i, cell]));
  let changed = false;
  const panels = document.panels.map((panel) => {
    const cell = cells.get(panel.id);
    if (!cell) return panel;
    const { x, y, w, h } = cell;
    const at = panel.gridPos;
    if (at.x === x && at.y === y && at.w === w && at.h === h) return panel;
    changed = true;
    return { ...panel, gridPos: { x, y, w, h } };
  });
  return changed ? { ...document, panels } : document;
}

/** Right of the original when that is free, else the first free place from the original's row down. */
function duplicatePosition(panels: readonly Panel[], original: Panel): GridPos {
  const { x, y, w, h } = original.gridPos;
  const taken = panels.map((panel) => panel.gridPos);
  const right = { x: x + w, y, w, h };
  if (right.x + w <= GRID_COLUMNS && !taken.some((pos) => overlaps(pos, right))) return right;
  return firstFreeSpot(taken, w, h, y);
}
