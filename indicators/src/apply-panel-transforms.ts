import type { Frame, IndicatorDefinition, OhlcvFrame, PanelTransform, TimeSeriesFrame } from '@nautilus/sdk';
import { computeIndicator } from './compute-indicator.ts';

/** `RSI 14`, `MACD 12 26 9`: the short id and the params in catalogue order, as charts label them. */
export function transformLabel(definition: IndicatorDefinition, params: Record<string, number>): string {
  const values = definition.params.map((param) => params[param.name]);
  return [definition.id.toUpperCase(), ...values].join(' ');
}

/**
 * A panel's frames with its indicator transforms applied: each transform over the first OHLCV frame
 * becomes one timeseries frame, one series per output (warm-up bars left out), marked `overlay` or
 * `pane` as the catalogue says, with the transform's position as the pane key. Frames without bars or
 * panels without transforms come back as they are.
 */
export function applyPanelTransforms(frames: readonly Frame[], transforms: readonly PanelTransform[] | undefined): Frame[] {
  if (!transforms || transforms.length === 0) return frames as Frame[];
  const bars = frames.find((frame): frame is OhlcvFrame => frame.kind === 'ohlcv');
  if (!bars) return frames as Frame[];
  const added: TimeSeriesFrame[] = transforms.map((transform, position) => {
    const { definition, params, outputs } = computeIndicator(transform.indicator, transform.params, bars);
    const label = transformLabel(definition, params);
    return {
      kind: 'timeseries',
      series: definition.outputs.map((output) => {
        const values = outputs[output]!;
        const time: number[] = [];
        const kept: number[] = [];
        for (let index = 0; index < values.length; index++) {
          if (!Number.isFinite(values[index]!)) continue;
          time.push(bars.time[index]!);
          kept.push(values[index]!);
        }
        return {
          name: definition.outputs.length === 1 ? label : `${label} ${output}`,
          time,
          values: kept,
          placement: definition.placement,
          pane: `transform-${position}`,
        };
      }),
    };
  });
  return [...frames, ...added];
}
