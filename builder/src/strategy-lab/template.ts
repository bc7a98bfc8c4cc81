import smaCrossover from '../../../runtime/examples/sma-crossover.ts?raw';

/** The source a new strategy starts from: the runtime's SMA crossover example. */
export const STRATEGY_TEMPLATE: string = smaCrossover;
