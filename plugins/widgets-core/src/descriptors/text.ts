import type { JsonSchema, WidgetDescriptor } from '@nautilus/sdk';

export interface TextOptions {
  markdown: string;
}

const DEFAULT_MARKDOWN = [
  '### Notes',
  '',
  'Write **Markdown** here: headings, lists, `code`, tables and [links](https://commonmark.org/help/).',
  'Edit the panel to change this text.',
].join('\n');

export const textOptionsSchema: JsonSchema = {
  type: 'object',
  properties: {
    markdown: { type: 'string', title: 'Text (Markdown)', 'x-widget': 'markdown', maxLength: 20_000, default: DEFAULT_MARKDOWN },
  },
};

export const textDescriptor: WidgetDescriptor = {
  id: 'text',
  name: 'Text',
  description: 'Markdown notes. Scripts, event handlers and javascript: links are removed; links open in a new tab.',
  accepts: [],
  defaultSize: { w: 6, h: 4 },
  optionsSchema: textOptionsSchema,
  bundle: 'dist/widgets.js',
};
