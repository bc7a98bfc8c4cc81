// Declared strategy parameters: plain data, so the builder can render a form from them and a sweep can
// vary them without running the strategy.

interface ParamSpecBase {
  /** Short name for the form field; the key is shown when absent. */
  label?: string;
  /** One sentence for the form's help text. */
  description?: string;
}

/** A real number, e.g. a band width `k` of 2.5. */
export interface NumberParamSpec extends ParamSpecBase {
  type: 'number';
  default: number;
  /** Smallest allowed value, inclusive. */
  min?: number;
  /** Largest allowed value, inclusive. */
  max?: number;
  /** Step of the form's spinner and the natural grid of a sweep. */
  step?: number;
}

/** A whole number, e.g. an indicator period. */
export interface IntegerParamSpec extends ParamSpecBase {
  type: 'integer';
  default: number;
  min?: number;
  max?: number;
  step?: number;
}

export interface BooleanParamSpec extends ParamSpecBase {
  type: 'boolean';
  default: boolean;
}

/** A string; with `options` it is one of a fixed list (rendered as a select). */
export interface StringParamSpec extends ParamSpecBase {
  type: 'string';
  default: string;
  options?: readonly string[];
}

export type ParamSpec = NumberParamSpec | IntegerParamSpec | BooleanParamSpec | StringParamSpec;

/** The `params` block of a strategy: one spec per parameter name. */
export type ParamSpecs = Record<string, ParamSpec>;

/** The value type one spec declares: a string spec with `options` narrows to their union. */
export type ParamValue<S extends ParamSpec> = S extends { type: 'number' | 'integer' }
  ? number
  : S extends { type: 'boolean' }
    ? boolean
    : S extends { options: readonly (infer O extends string)[] }
      ? O
      : string;

/** `ctx.params`: the value of every declared parameter, defaults filled in. */
export type ParamValues<P extends ParamSpecs = ParamSpecs> = { readonly [K in keyof P]: ParamValue<P[K]> };
