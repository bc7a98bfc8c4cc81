import {
  asString,
  capText,
  defineProperty,
  getOwnPropertyDescriptor,
  getPrototypeOf,
  MapIntrinsic,
  mapGet,
  mapSet,
  mapSize,
  ownKeys,
  reflectApply,
  reflectConstruct,
  stringify,
} from './intrinsics.ts';

/** Configurations one Intl constructor may build in a run; each holds ICU objects outside the heap limit. */
export const MAX_INTL_CONFIGURATIONS = 64;
/** `segment()` calls (and their iterators) a run may make: each clones an ICU break iterator. */
export const MAX_SEGMENTS = 10_000;
/** Longest string handed to ICU for normalising, case mapping or collation, which copies it outside the heap. */
export const MAX_ICU_STRING = 1_000_000;

type Constructor = new (...args: unknown[]) => object;

/**
 * Inside the isolate (the engine owns that realm): ICU objects live in C++ memory that the isolate's
 * heap limit does not count, and V8 does not weigh them when deciding to collect garbage, so a
 * strategy creating formatters in a loop would grow the server's memory without bound. Each Intl
 * constructor hands out one shared instance per configuration (they are immutable), at most
 * MAX_INTL_CONFIGURATIONS per constructor per run; toLocaleString, localeCompare and friends go
 * through the same instances. DateTimeFormat defaults to UTC and formats "now" as the simulation's
 * time. Returns the shared DateTimeFormat for the simulated Date.
 */
export function installSimulatedIntl(clock: () => number): new (locales?: unknown, options?: unknown) => Intl.DateTimeFormat {
  const intl = Intl as unknown as Record<string, Constructor>;
  const getCanonicalLocales = Intl.getCanonicalLocales;
  const shared: Record<string, Constructor> = {};
  for (const name of ownKeys(intl)) {
    const Real = intl[name as string];
    if (typeof name !== 'string' || typeof Real !== 'function' || typeof Real.prototype !== 'object') continue;
    // The key of a configuration names its locales as strings (an Intl.Locale is not JSON).
    shared[name] = shareInstances(Real, name, (locales) =>
      typeof locales !== 'object' || locales === null
        ? locales
        : name === 'Locale'
          ? asString(locales)
          : getCanonicalLocales(locales as string[]),
    );
    intl[name] = shared[name]!;
  }
  const DateTimeFormat = shared.DateTimeFormat as unknown as new (locales?: unknown, options?: unknown) => Intl.DateTimeFormat;
  const NumberFormat = shared.NumberFormat as unknown as new (locales?: unknown, options?: unknown) => Intl.NumberFormat;
  const Collator = shared.Collator as unknown as new (locales?: unknown, options?: unknown) => Intl.Collator;

  // "Now" is the simulation's time; the realm's own format() would read the wall clock.
  const formatPrototype = DateTimeFormat.prototype as unknown as Record<string, unknown>;
  const realFormat = getOwnPropertyDescriptor(formatPrototype, 'format')!.get!;
  const realFormatToParts = formatPrototype.formatToParts as (date?: unknown) => unknown;
  defineProperty(formatPrototype, 'format', {
    get(this: Intl.DateTimeFormat) {
      const bound = reflectApply(realFormat, this, []) as (date?: unknown) => string;
      return (date?: unknown) => bound(date === undefined ? clock() : date);
    },
    configurable: true,
  });
  method(formatPrototype, 'formatToParts', function (this: unknown, date?: unknown) {
    return reflectApply(realFormatToParts, this, [date === undefined ? clock() : date]);
  });

  const numberValue = Number.prototype.valueOf;
  method(Number.prototype, 'toLocaleString', function (this: unknown, locales?: unknown, options?: unknown) {
    return new NumberFormat(locales, options).format(reflectApply(numberValue, this, []) as number);
  });
  const bigintValue = BigInt.prototype.valueOf;
  method(BigInt.prototype, 'toLocaleString', function (this: unknown, locales?: unknown, options?: unknown) {
    return new NumberFormat(locales, options).format(reflectApply(bigintValue, this, []) as bigint);
  });
  method(String.prototype, 'localeCompare', function (this: unknown, that: unknown, locales?: unknown, options?: unknown) {
    const compare = new Collator(locales, options).compare;
    return compare(icuInput(this, 'localeCompare'), icuInput(that, 'localeCompare'));
  });
  for (const name of ['normalize', 'toLocaleUpperCase', 'toLocaleLowerCase']) {
    const real = (String.prototype as unknown as Record<string, (...args: unknown[]) => string>)[name]!;
    method(String.prototype, name, function (this: unknown, ...args: unknown[]) {
      return reflectApply(real, icuInput(this, name), args);
    });
  }

  const segmenterPrototype = shared.Segmenter?.prototype as Record<string, unknown> | undefined;
  if (segmenterPrototype !== undefined) {
    let segments = 0;
    const counted = () => {
      if (++segments > MAX_SEGMENTS) {
        throw new RangeError(`A strategy may segment text at most ${MAX_SEGMENTS} times in a run.`);
      }
    };
    const realSegment = segmenterPrototype.segment as (text: unknown) => object;
    // The Segments prototype is reachable only through what segment() returns: its iterator is
    // counted from the first call on (found then, so that a run that never segments pays nothing).
    let iteratorCounted = false;
    method(segmenterPrototype, 'segment', function (this: unknown, text: unknown) {
      counted();
      const segments = reflectApply(realSegment, this, [icuInput(text, 'Intl.Segmenter.prototype.segment')]) as object;
      if (!iteratorCounted) {
        iteratorCounted = true;
        const segmentsPrototype = getPrototypeOf(segments) as Record<PropertyKey, unknown>;
        const realIterator = segmentsPrototype[Symbol.iterator] as () => object;
        method(segmentsPrototype, Symbol.iterator, function (this: unknown) {
          counted();
          return reflectApply(realIterator, this, []);
        });
      }
      return segments;
    });
  }
  return DateTimeFormat;
}

/**
 * A constructor that returns one shared instance of `Real` per configuration (locales as `canonical`
 * gives them, options as JSON), refusing more than MAX_INTL_CONFIGURATIONS of them. DateTimeFormat
 * defaults its time zone to UTC.
 */
function shareInstances(Real: Constructor, name: string, canonical: (locales: unknown) => unknown): Constructor {
  const instances = new MapIntrinsic<string, object>();
  const utcByDefault = name === 'DateTimeFormat';
  function Shared(locales?: unknown, options?: unknown): object {
    const key = stringify([canonical(locales), options]) ?? '';
    let instance = mapGet(instances, key);
    if (instance === undefined) {
      if (mapSize(instances) >= MAX_INTL_CONFIGURATIONS) {
        throw new RangeError(
          `A strategy may create at most ${MAX_INTL_CONFIGURATIONS} different Intl.${name} configurations in a run (it tried ${capText(key, 200)}); create the ones it needs once, e.g. in onStart, and reuse them.`,
        );
      }
      let settled = options;
      if (
        utcByDefault &&
        options !== null &&
        (options === undefined || (options as { timeZone?: unknown }).timeZone === undefined)
      ) {
        settled = Object.create(options === undefined ? null : Object(options));
        (settled as { timeZone: string }).timeZone = 'UTC';
      }
      instance = reflectConstruct(Real, [locales, settled], Real);
      mapSet(instances, key, instance);
    }
    return instance;
  }
  for (const key of ownKeys(Real)) {
    if (key === 'prototype' || key === 'length' || key === 'name') continue;
    defineProperty(Shared, key, getOwnPropertyDescriptor(Real, key)!);
  }
  defineProperty(Shared, 'prototype', { value: Real.prototype, writable: false, enumerable: false, configurable: false });
  defineProperty(Shared, 'name', { value: name });
  defineProperty(Real.prototype, 'constructor', { value: Shared, writable: true, configurable: true });
  return Shared as unknown as Constructor;
}

function method(target: object, name: PropertyKey, value: (this: unknown, ...args: any[]) => unknown): void {
  defineProperty(target, name, { value, writable: true, configurable: true });
}

/** `value` as a string ICU may work on: refused past MAX_ICU_STRING characters. */
function icuInput(value: unknown, what: string): string {
  if (value === null || value === undefined) throw new TypeError(`${what} called on null or undefined`);
  const text = asString(value);
  if (text.length > MAX_ICU_STRING) {
    throw new RangeError(`${what} takes at most ${MAX_ICU_STRING} characters in a strategy; this string has ${text.length}.`);
  }
  return text;
}
