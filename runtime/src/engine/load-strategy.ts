import type { ParamSpecs, StrategyDefinition } from '@nautilus/sdk';
import { describeThrown } from './describe-thrown.ts';
import type { StrategyDescription, StrategyFactory, StrategyFailure, StrategyScope } from './engine-types.ts';
import { asString, isArray, objectKeys, sliceString } from './intrinsics.ts';

// What a declaration may hold: a params form has no use for more, and the host copies it out and stores it.
const MAX_PARAMS = 200;
const MAX_OPTIONS = 500;
const MAX_NAME = 200;
const MAX_LABEL = 200;
const MAX_DESCRIPTION = 2_000;
const MAX_OPTION = 200;

const CALLBACKS = ['onStart', 'onBar', 'onOrderFilled', 'onOrderRejected', 'onOrderDenied', 'onStop', 'initialState'] as const;

export interface LoadedStrategy {
  definition: StrategyDefinition;
  description: StrategyDescription;
}

/**
 * Runs the strategy file's top-level code and finds its definition: the default export, else
 * `module.exports`, else the one object passed to `defineStrategy`.
 */
export function loadStrategy(
  factory: StrategyFactory,
  globals: Omit<StrategyScope, 'defineStrategy'>,
): LoadedStrategy | StrategyFailure {
  const defined: unknown[] = [];
  const defineStrategy = (definition: unknown) => {
    defined.push(definition);
    return definition;
  };
  let exported: unknown;
  try {
    exported = factory({ defineStrategy, ...globals });
  } catch (error) {
    return { phase: 'load', barIndex: -1, time: Number.NaN, kind: 'thrown', thrown: describeThrown(error) };
  }
  try {
    const candidate = pickDefinition(exported, defined);
    if (typeof candidate === 'string') return invalid(candidate);
    const definition = candidate as StrategyDefinition;
    for (const name of CALLBACKS) {
      const callback = definition[name];
      if (name === 'onBar' ? typeof callback !== 'function' : callback !== undefined && typeof callback !== 'function') {
        return invalid(name === 'onBar' ? 'The strategy has no onBar(ctx) function.' : `${name} must be a function.`);
      }
    }
    const params = plainSpecs(definition.params);
    if (typeof params === 'string') return invalid(params);
    return {
      definition,
      description: {
        name: typeof definition.name === 'string' ? sliceString(definition.name, 0, MAX_NAME) : null,
        description: typeof definition.description === 'string' ? sliceString(definition.description, 0, MAX_DESCRIPTION) : null,
        params,
      },
    };
  } catch (error) {
    return { phase: 'load', barIndex: -1, time: Number.NaN, kind: 'thrown', thrown: describeThrown(error) };
  }
}

function pickDefinition(exported: unknown, defined: unknown[]): unknown {
  const module = exported as { default?: unknown } | undefined;
  const candidate =
    module !== null && typeof module === 'object' && 'default' in module
      ? module.default
      : isObject(exported) && 'onBar' in exported
        ? exported
        : defined.length === 1
          ? defined[0]
          : undefined;
  if (candidate === undefined) {
    return defined.length > 1
      ? 'The file calls defineStrategy more than once; export default the one to run.'
      : 'The file must `export default defineStrategy({ … })`.';
  }
  if (!isObject(candidate)) return 'The default export must be defineStrategy({ … }), an object with an onBar function.';
  return candidate;
}

/**
 * A copy of the params block with only the fields a spec has, as plain data that copies out of the
 * isolate, strings cut to what a form shows (through the slice captured before the strategy ran); or
 * why it cannot be one.
 */
function plainSpecs(params: unknown): ParamSpecs | string {
  if (!isObject(params)) return params === undefined ? {} : (params as ParamSpecs);
  const names = objectKeys(params);
  if (names.length > MAX_PARAMS)
    return `The strategy declares ${names.length} params; it may declare at most ${MAX_PARAMS} params.`;
  const specs: Record<string, unknown> = {};
  for (const name of names) {
    const spec = (params as Record<string, unknown>)[name];
    if (!isObject(spec)) {
      specs[name] = typeof spec === 'function' || typeof spec === 'symbol' || typeof spec === 'bigint' ? null : spec;
      continue;
    }
    const plain: Record<string, unknown> = {};
    for (const field of ['type', 'default', 'min', 'max', 'step', 'label', 'description']) {
      const value = (spec as Record<string, unknown>)[field];
      if (typeof value === 'string')
        plain[field] = sliceString(value, 0, field === 'label' || field === 'type' ? MAX_LABEL : MAX_DESCRIPTION);
      else if (value === null || typeof value === 'number' || typeof value === 'boolean') plain[field] = value;
    }
    const options = (spec as Record<string, unknown>).options;
    if (options !== undefined) {
      if (!isArray(options)) plain.options = null;
      else if (options.length > MAX_OPTIONS)
        return `params.${name}.options has ${options.length} options; at most ${MAX_OPTIONS} are allowed.`;
      else {
        const list: string[] = [];
        for (let index = 0; index < options.length; index++) {
          const option = options[index];
          list[index] = sliceString(typeof option === 'string' ? option : asString(option), 0, MAX_OPTION);
        }
        plain.options = list;
      }
    }
    specs[name] = plain;
  }
  return specs as ParamSpecs;
}

function isObject(value: unknown): value is object {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}

function invalid(message: string): StrategyFailure {
  return {
    phase: 'load',
    barIndex: -1,
    time: Number.NaN,
    kind: 'invalid',
    thrown: { name: 'StrategyError', message, stack: '', isError: false },
  };
}
