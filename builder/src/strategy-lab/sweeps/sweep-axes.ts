import type { ParamSpecs } from '@nautilus/sdk';

/** The editable range of one numeric param in the sweep form. */
export interface AxisDraft {
  name: string;
  label: string;
  enabled: boolean;
  min: number;
  max: number;
  step: number;
}

/**
 * A draft axis per numeric param, from its declaration: min/max when declared, else the default
 * halved and doubled; the declared step, else 1 for integers and a tenth of the span for numbers.
 * The first two are switched on, so the form starts as a param × param grid.
 */
export function draftAxes(specs: ParamSpecs): AxisDraft[] {
  const axes: AxisDraft[] = [];
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.type !== 'number' && spec.type !== 'integer') continue;
    const min = spec.min ?? (spec.default > 0 ? spec.default / 2 : spec.default - 1);
    const max = spec.max ?? (spec.default > 0 ? spec.default * 2 : spec.default + 1);
    const integer = spec.type === 'integer';
    const step = spec.step ?? (integer ? Math.max(1, Math.round((max - min) / 10)) : Number(((max - min) / 10).toPrecision(2)));
    axes.push({
      name,
      label: spec.label ?? name,
      enabled: axes.length < 2,
      min: integer ? Math.ceil(min) : min,
      max: integer ? Math.floor(max) : max,
      step,
    });
  }
  return axes;
}

/** Points a grid of these axes holds. */
export function gridSize(axes: AxisDraft[]): number {
  return axes
    .filter((axis) => axis.enabled)
    .reduce(
      (size, axis) =>
        size * (axis.step > 0 && axis.max >= axis.min ? Math.floor((axis.max - axis.min) / axis.step + 1e-9) + 1 : 0),
      1,
    );
}

/** The `axes` of a `sweeps.create` request. */
export function axesRequest(axes: AxisDraft[]): Record<string, { min: number; max: number; step: number }> {
  return Object.fromEntries(
    axes.filter((axis) => axis.enabled).map((axis) => [axis.name, { min: axis.min, max: axis.max, step: axis.step }]),
  );
}
