import { useEffect, useRef } from 'react';
import { type CompileDiagnostic, diagnosticMarkers } from './compile-errors.ts';
import type { EditorHandOver } from './editor-hand-over.ts';
import { monaco, setupMonaco } from './monaco-setup.ts';

export interface CodeEditorProps {
  /** Names the editor's model (one TypeScript file per strategy). */
  path: string;
  /** The text the editor starts with; after that the editor owns it and reports changes. */
  initialValue: string;
  onChange: (value: string) => void;
  /** Ctrl/Cmd+S. */
  onSave: () => void;
  diagnostics: readonly CompileDiagnostic[];
  theme: 'dark' | 'light';
  /** Moves the cursor there and focuses the editor; a new object each time it should move. */
  cursor?: { line: number; column: number };
  /** For viewers: the source can be read and searched, not changed. */
  readOnly?: boolean;
  /** A click and keys on the text preview before this editor existed: applied when it mounts. */
  handOver?: EditorHandOver;
}

/** The Monaco TypeScript editor of a strategy's source, with the strategy API's types loaded. */
export default function CodeEditor({
  path,
  initialValue,
  onChange,
  onSave,
  diagnostics,
  theme,
  cursor,
  readOnly = false,
  handOver,
}: CodeEditorProps) {
  const elementRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const callbacks = useRef({ onChange, onSave });
  callbacks.current = { onChange, onSave };
  const startText = useRef(initialValue);
  const pending = useRef(handOver);

  useEffect(() => {
    const m = setupMonaco();
    const uri = m.Uri.parse(`file:///strategies/${encodeURIComponent(path)}.ts`);
    m.editor.getModel(uri)?.dispose();
    const model = m.editor.createModel(startText.current, 'typescript', uri);
    const editor = m.editor.create(elementRef.current!, {
      model,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      tabSize: 2,
      scrollBeyondLastLine: false,
      fixedOverflowWidgets: true,
    });
    editorRef.current = editor;
    editor.addCommand(m.KeyMod.CtrlCmd | m.KeyCode.KeyS, () => callbacks.current.onSave());
    const subscription = model.onDidChangeContent(() => callbacks.current.onChange(model.getValue()));
    const early = pending.current;
    if (early?.cursor) {
      editor.setPosition({ lineNumber: early.cursor.line, column: early.cursor.column });
      editor.focus();
      if (early.typed) editor.trigger('keyboard', 'type', { text: early.typed });
    }
    return () => {
      subscription.dispose();
      editor.dispose();
      model.dispose();
      editorRef.current = null;
    };
  }, [path]);

  useEffect(() => {
    editorRef.current?.updateOptions({ readOnly });
  }, [readOnly]);

  useEffect(() => {
    monaco.editor.setTheme(theme === 'dark' ? 'vs-dark' : 'vs');
  }, [theme]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    const markers = diagnosticMarkers(diagnostics, model.getLinesContent()).map((marker) => ({
      ...marker,
      severity: monaco.MarkerSeverity.Error,
    }));
    monaco.editor.setModelMarkers(model, 'nautilus-save', markers);
  }, [diagnostics]);

  useEffect(() => {
    const editor = editorRef.current;
    if (!editor || !cursor) return;
    const position = { lineNumber: cursor.line, column: cursor.column };
    editor.setPosition(position);
    editor.revealPositionInCenter(position);
    editor.focus();
  }, [cursor]);

  return <div ref={elementRef} data-testid="strategy-editor" className="nautilus-lab-editor" />;
}
