import contextSource from '../../../sdk/src/strategy/context.ts?raw';
import defineStrategySource from '../../../sdk/src/strategy/define-strategy.ts?raw';
import indicatorsSource from '../../../sdk/src/strategy/indicators.ts?raw';
import ordersSource from '../../../sdk/src/strategy/orders.ts?raw';
import paramsSource from '../../../sdk/src/strategy/params.ts?raw';
import { buildAmbientSdkModule } from './ambient-dts.ts';

/**
 * The strategy API as an ambient `declare module '@nautilus/sdk'`, built from the sdk's own sources
 * when the app is built, so the editor's completions always match the sdk it ships with.
 */
export const sdkStrategyDts = buildAmbientSdkModule({
  'params.ts': paramsSource,
  'orders.ts': ordersSource,
  'indicators.ts': indicatorsSource,
  'context.ts': contextSource,
  'define-strategy.ts': defineStrategySource,
});
