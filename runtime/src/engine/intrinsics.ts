// Built-ins the engine's caps and its copy-out rely on, captured when this module is evaluated: in the
// isolate that is before any strategy code runs, so a strategy that replaces String.prototype.slice,
// JSON.stringify or Object.keys in its realm cannot change what they do here. Bound `call` invokes the
// captured function directly, never through properties the strategy could reassign later.

const uncurry = Function.prototype.bind.bind(Function.prototype.call) as <A extends unknown[], R>(
  fn: (...args: A) => R,
) => (self: unknown, ...args: A) => R;

const TypedArrayPrototype = Object.getPrototypeOf(Float64Array.prototype) as object;
const typedArrayGetter = (name: PropertyKey) =>
  uncurry(Object.getOwnPropertyDescriptor(TypedArrayPrototype, name)!.get as () => unknown);

export const sliceString = uncurry(String.prototype.slice) as (text: string, start: number, end?: number) => string;
export const charCodeAt = uncurry(String.prototype.charCodeAt) as (text: string, index: number) => number;
export const asString = String;
export const numberIsNaN = Number.isNaN;
export const stringify = JSON.stringify as (value: unknown) => string | undefined;
export const objectKeys = Object.keys as (value: object) => string[];
export const isArray = Array.isArray as (value: unknown) => value is unknown[];
export const defineProperty = Object.defineProperty;
export const objectCreate = Object.create;
export const getOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
export const getPrototypeOf = Object.getPrototypeOf;
export const setPrototypeOf = Object.setPrototypeOf;
export const reflectApply = Reflect.apply;
export const reflectConstruct = Reflect.construct;
export const ownKeys = Reflect.ownKeys;
export const MapIntrinsic = Map;
export const ArrayIntrinsic = Array;
export const mapGet = uncurry(Map.prototype.get) as <K, V>(map: Map<K, V>, key: K) => V | undefined;
export const mapSet = uncurry(Map.prototype.set) as <K, V>(map: Map<K, V>, key: K, value: V) => Map<K, V>;
export const mapSize = uncurry(Object.getOwnPropertyDescriptor(Map.prototype, 'size')!.get as () => number) as (
  map: Map<unknown, unknown>,
) => number;
export const Float64ArrayIntrinsic = Float64Array;
/** 'Float64Array' for a genuine Float64Array (not a look-alike or a Proxy), else undefined. */
export const typedArrayKind = typedArrayGetter(Symbol.toStringTag) as (value: unknown) => string | undefined;
export const typedArrayLength = typedArrayGetter('length') as (value: unknown) => number;
export const typedArraySet = uncurry((TypedArrayPrototype as { set: (source: ArrayLike<number>) => void }).set) as (
  target: Float64Array,
  source: Float64Array,
) => void;

/** `text` cut to at most `max` characters, the last of them an ellipsis when anything was cut. */
export function capText(text: string, max: number): string {
  return text.length > max ? `${sliceString(text, 0, max - 1)}…` : text;
}
