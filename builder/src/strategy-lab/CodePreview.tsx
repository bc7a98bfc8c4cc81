import type { CSSProperties } from 'react';

export interface CodePreviewProps {
  source: string;
  theme: 'dark' | 'light';
}

/**
 * The strategy's source as plain text, shown while Monaco loads. Monaco is a few MB of script whose
 * evaluation and first layout hold the main thread for a good part of a second on a slow machine;
 * the Lab paints its code with this first and hands over to the editor once it is ready. Laid out as
 * Monaco lays the text (same font, 18 px lines, gutter and colours), so the switch does not move it.
 */
export function CodePreview({ source, theme }: CodePreviewProps) {
  const lines = source.split('\n');
  const style = { '--nautilus-gutter': `${String(lines.length).length + 1}ch` } as CSSProperties;
  return (
    <section
      className={`nautilus-lab-editor nautilus-code-preview nautilus-code-preview-${theme}`}
      data-testid="strategy-source-preview"
      aria-busy="true"
      aria-label="Strategy source (the editor is loading)"
      style={style}
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
