import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import type { CodeEditorProps } from './CodeEditor.tsx';
import { CodePreview } from './CodePreview.tsx';
import { type EditorHandOver, withKey } from './editor-hand-over.ts';

// Monaco (several MB) loads only once the Lab is open, in its own chunks.
const CodeEditor = lazy(() => import('./CodeEditor.tsx'));

/**
 * The strategy's editor, asked for only after the Lab has painted the source as text: fetching and
 * evaluating Monaco and laying out its first view would otherwise come before (or in the middle of)
 * the Lab's first paint, and the trader would look at a spinner instead of their code. A click on
 * the preview and the keys typed after it are handed over to the editor when it mounts.
 */
export function DeferredCodeEditor(props: CodeEditorProps) {
  const [wanted, setWanted] = useState(false);
  useEffect(() => {
    // After the next frame is on screen: a timeout queued from requestAnimationFrame runs after the paint.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setWanted(true));
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, []);
  const handOver = useRef<EditorHandOver>({ typed: '' });
  const preview = (
    <CodePreview
      source={props.initialValue}
      theme={props.theme}
      onPlaceCursor={(cursor) => {
        // Changed in place: the editor element (made while its chunk loads) holds this same object.
        handOver.current.cursor = cursor;
        handOver.current.typed = '';
      }}
      onKey={(event) => {
        if (props.readOnly || !handOver.current.cursor) return;
        handOver.current.typed = withKey(handOver.current.typed, event.key, event);
        if (event.key === 'Tab') event.preventDefault();
      }}
    />
  );
  if (!wanted) return preview;
  return (
    <Suspense fallback={preview}>
      <CodeEditor {...props} handOver={handOver.current} />
    </Suspense>
  );
}
