import type { JsonSchema, WidgetDescriptor } from '@nautilus/sdk';

export interface TearSheetOptions {
  showFormula: boolean;
}

export const tearSheetOptionsSchema: JsonSchema = {
  type: 'object',
  properties: {
    showFormula: {
      type: 'boolean',
      title: 'Formula under each metric',
      description: 'Off: the formula and conventions show on hover or tap only.',
      default: false,
    },
  },
};

export const tearSheetDescriptor: WidgetDescriptor = {
  id: 'tear-sheet',
  name: 'Tear sheet',
  description:
    'Every metric of a run, deployment or portfolio with its value; hover or tap a metric for its formula and ' +
    'conventions. Query nautilus.core/analytics with view tear-sheet.',
  accepts: ['table'],
  defaultSize: { w: 8, h: 12 },
  optionsSchema: tearSheetOptionsSchema,
  bundle: 'dist/widgets.js',
};
