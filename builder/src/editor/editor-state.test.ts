import { type DashboardDocument, emptyDashboard, type Panel } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import { canRedo, canUndo, createEditorState, type EditorAction, editorReducer, HISTORY_LIMIT, isDirty } from './editor-state.ts';

const panel = (id: string, x: number, y: number, w = 6, h = 4): Panel => ({
  id,
  type: 'acme.widgets/chart',
  pluginVersion: '1.0.0',
  title: id,
  gridPos: { x, y, w, h },
  query: { dataSource: 'acme.data/bars', params: { symbol: 'SIM:AAPL' } },
  options: { color: 'red' },
});

const dashboard = (...panels: Panel[]): DashboardDocument => ({ ...emptyDashboard('Desk'), panels });
const run = (document: DashboardDocument, ...actions: EditorAction[]) =>
  actions.reduce(editorReducer, createEditorState(document, 3));

describe('editorReducer', () => {
  it('adds a panel, and undo and redo walk back and forth over it', () => {
    const added = run(dashboard(), { type: 'addPanel', panel: panel('a', 0, 0) });
    expect(added.document.panels.map((p) => p.id)).toEqual(['a']);
    expect(isDirty(added)).toBe(true);
    const undone = editorReducer(added, { type: 'undo' });
    expect(undone.document.panels).toEqual([]);
    expect(isDirty(undone)).toBe(false);
    expect(canRedo(undone)).toBe(true);
    expect(editorReducer(undone, { type: 'redo' }).document.panels.map((p) => p.id)).toEqual(['a']);
  });

  it('moves and resizes panels from a layout as one undo step, keeping untouched panels as they were', () => {
    const start = dashboard(panel('a', 0, 0), panel('b', 6, 0));
    const moved = run(start, {
      type: 'applyLayout',
      layout: [
        { i: 'a', x: 0, y: 0, w: 6, h: 4 },
        { i: 'b', x: 12, y: 2, w: 12, h: 8 },
      ],
    });
    expect(moved.document.panels[0]).toBe(start.panels[0]);
    expect(moved.document.panels[1]?.gridPos).toEqual({ x: 12, y: 2, w: 12, h: 8 });
    expect(moved.past).toHaveLength(1);
    expect(editorReducer(moved, { type: 'undo' }).document).toBe(start);
  });

  it('records nothing when a layout changes nothing (a click on a panel header)', () => {
    const start = run(dashboard(panel('a', 0, 0)), { type: 'applyLayout', layout: [{ i: 'a', x: 0, y: 0, w: 6, h: 4 }] });
    expect(canUndo(start)).toBe(false);
  });

  it('places a dropped panel and the panels it pushed in one step', () => {
    const state = run(dashboard(panel('a', 0, 0)), {
      type: 'addPanel',
      panel: panel('b', 0, 0, 12, 6),
      layout: [
        { i: 'b', x: 0, y: 0, w: 12, h: 6 },
        { i: 'a', x: 0, y: 6, w: 6, h: 4 },
      ],
    });
    expect(state.document.panels.map((p) => [p.id, p.gridPos.y])).toEqual([
      ['a', 6],
      ['b', 0],
    ]);
    expect(state.past).toHaveLength(1);
  });

  it('duplicates a panel to its right when there is room, with a new id and its own copy of the query', () => {
    const state = run(dashboard(panel('a', 0, 0)), { type: 'duplicatePanel', id: 'a', newId: 'a2' });
    const [original, copy] = state.document.panels;
    expect(copy).toMatchObject({ id: 'a2', title: 'a', gridPos: { x: 6, y: 0, w: 6, h: 4 } });
    expect(copy?.query).toEqual(original?.query);
    expect(copy?.query).not.toBe(original?.query);
  });

  it('duplicates a full-width panel below it, in the first free row', () => {
    const state = run(dashboard(panel('a', 0, 0, 24, 4), panel('b', 0, 4, 24, 2)), {
      type: 'duplicatePanel',
      id: 'a',
      newId: 'a2',
    });
    expect(state.document.panels[1]).toMatchObject({ id: 'a2', gridPos: { x: 0, y: 6, w: 24, h: 4 } });
  });

  it('removes a panel', () => {
    const state = run(dashboard(panel('a', 0, 0), panel('b', 6, 0)), { type: 'removePanel', id: 'a' });
    expect(state.document.panels.map((p) => p.id)).toEqual(['b']);
  });

  it('coalesces typing into one undo step, but not changes far apart in time or to another field', () => {
    const typing: EditorAction[] = ['F', 'Fi', 'Fir', 'First'].map((title, index) => ({
      type: 'updatePanel',
      id: 'a',
      changes: { title },
      coalesceKey: 'title',
      at: 1000 + index * 200,
    }));
    const typed = run(dashboard(panel('a', 0, 0)), ...typing);
    expect(typed.document.panels[0]?.title).toBe('First');
    expect(typed.past).toHaveLength(1);
    expect(editorReducer(typed, { type: 'undo' }).document.panels[0]?.title).toBe('a');

    const later = editorReducer(typed, {
      type: 'updatePanel',
      id: 'a',
      changes: { title: 'First!' },
      coalesceKey: 'title',
      at: 5000,
    });
    expect(later.past).toHaveLength(2);
    const otherField = editorReducer(typed, {
      type: 'updatePanel',
      id: 'a',
      changes: { options: { color: 'blue' } },
      coalesceKey: 'option:color',
      at: 1700,
    });
    expect(otherField.past).toHaveLength(2);
  });

  it('removes the query of a panel when told to, and ignores a change that changes nothing', () => {
    const cleared = run(dashboard(panel('a', 0, 0)), { type: 'updatePanel', id: 'a', changes: { query: undefined } });
    expect(cleared.document.panels[0]).not.toHaveProperty('query');
    const same = editorReducer(cleared, { type: 'updatePanel', id: 'a', changes: { title: 'a' } });
    expect(same).toBe(cleared);
  });

  it('drops the redo stack when something new is done after an undo', () => {
    const state = run(
      dashboard(),
      { type: 'addPanel', panel: panel('a', 0, 0) },
      { type: 'undo' },
      { type: 'addPanel', panel: panel('b', 0, 0) },
    );
    expect(canRedo(state)).toBe(false);
    expect(state.document.panels.map((p) => p.id)).toEqual(['b']);
  });

  it(`keeps at most ${HISTORY_LIMIT} undo steps`, () => {
    const renames: EditorAction[] = Array.from({ length: HISTORY_LIMIT + 20 }, (_, index) => ({
      type: 'updateSettings',
      changes: { title: `Title ${index}` },
    }));
    expect(run(dashboard(), ...renames).past).toHaveLength(HISTORY_LIMIT);
  });

  it('is clean after a save of the current document, and dirty again after a change', () => {
    const edited = run(dashboard(), { type: 'updateSettings', changes: { title: 'New' } });
    const saved = editorReducer(edited, { type: 'saved', version: 4, document: edited.document });
    expect(isDirty(saved)).toBe(false);
    expect(saved.baseVersion).toBe(4);
    expect(canUndo(saved)).toBe(true);
    expect(isDirty(editorReducer(saved, { type: 'setVariables', variables: [{ name: 'x', type: 'text', default: '' }] }))).toBe(
      true,
    );
  });

  it('stays dirty when changes were made while a save was in flight', () => {
    const sent = run(dashboard(), { type: 'updateSettings', changes: { title: 'Sent' } });
    const more = editorReducer(sent, { type: 'updateSettings', changes: { title: 'Typed during the save' } });
    const saved = editorReducer(more, { type: 'saved', version: 4, document: sent.document });
    expect(isDirty(saved)).toBe(true);
    expect(saved.document.title).toBe('Typed during the save');
  });

  it('starts over, clean and without history, from a loaded version', () => {
    const edited = run(dashboard(), { type: 'updateSettings', changes: { title: 'Mine' } });
    const loaded = editorReducer(edited, { type: 'load', version: 9, document: dashboard(panel('z', 0, 0)) });
    expect(loaded).toMatchObject({ baseVersion: 9, past: [], future: [] });
    expect(isDirty(loaded)).toBe(false);
  });
});
