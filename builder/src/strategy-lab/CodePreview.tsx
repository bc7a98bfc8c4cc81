import type { CSSProperties, KeyboardEvent, PointerEvent } from 'react';

export interface CodePreviewProps {
  source: string;
  theme: 'dark' | 'light';
  /** A click on the text: where (1-based line and column), for the editor to put its cursor there. */
  onPlaceCursor?: (at: { line: number; column: number }) => void;
  /** A key pressed while the preview has focus (the editor replays what it types). */
  onKey?: (event: KeyboardEvent) => void;
}

/** The line and column under a click, from the caret position the browser finds there. */
function positionAt(event: PointerEvent): { line: number; column: number } | undefined {
  const line = (event.target as HTMLElement).closest<HTMLElement>('[data-line]');
  if (!line) return undefined;
  const caret = document.caretRangeFromPoint?.(event.clientX, event.clientY);
  const column = caret && line.contains(caret.startContainer) ? caret.startOffset + 1 : 1;
  return { line: Number(line.dataset.line), column };
}

/**
 * The strategy's source as plain text, shown while Monaco loads. Monaco is a few MB of script whose
 * evaluation and first layout hold the main thread for a good part of a second on a slow machine;
 * the Lab paints its code with this first and hands over to the editor once it is ready. Laid out as
 * Monaco lays the text (same font, 18 px lines, gutter and colours), so the switch does not move it.
 */
export function CodePreview({ source, theme, onPlaceCursor, onKey }: CodePreviewProps) {
  const lines = source.split('\n');
  const style = { '--nautilus-gutter': `${String(lines.length).length + 1}ch` } as CSSProperties;
  return (
    <section
      className={`nautilus-lab-editor nautilus-code-preview nautilus-code-preview-${theme}`}
      data-testid="strategy-source-preview"
      aria-busy="true"
      aria-label="Strategy source (the editor is loading)"
      style={style}
      // Focusable so a click and the keys after it reach the editor once it is ready.
      // biome-ignore lint/a11y/noNoninteractiveTabindex: the editor takes this place and focus within a moment
      tabIndex={0}
      onPointerDown={(event) => {
        const at = positionAt(event);
        if (at) onPlaceCursor?.(at);
      }}
      onKeyDown={onKey}
    >
      <pre>
        {lines.map((line, index) => (
          // Lines never reorder in this read-only view: the index is the line's identity.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <span key={index} className="nautilus-code-preview-line" data-line={index + 1}>
            {line || ' '}
          </span>
        ))}
      </pre>
    </section>
  );
}
