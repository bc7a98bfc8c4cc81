import { defineProperty, numberIsNaN, reflectApply, reflectConstruct, sliceString } from './intrinsics.ts';

/** What `Intl.DateTimeFormat` is to the simulated Date's toLocale*String: the isolate passes its shared one. */
export type DateTimeFormatConstructor = new (locales?: unknown, options?: unknown) => Intl.DateTimeFormat;

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// The local-time methods of Date and the UTC methods that replace them: the simulation has no time zone.
const LOCAL_TO_UTC = [
  ['getFullYear', 'getUTCFullYear'],
  ['getMonth', 'getUTCMonth'],
  ['getDate', 'getUTCDate'],
  ['getDay', 'getUTCDay'],
  ['getHours', 'getUTCHours'],
  ['getMinutes', 'getUTCMinutes'],
  ['getSeconds', 'getUTCSeconds'],
  ['getMilliseconds', 'getUTCMilliseconds'],
  ['setFullYear', 'setUTCFullYear'],
  ['setMonth', 'setUTCMonth'],
  ['setDate', 'setUTCDate'],
  ['setHours', 'setUTCHours'],
  ['setMinutes', 'setUTCMinutes'],
  ['setSeconds', 'setUTCSeconds'],
  ['setMilliseconds', 'setUTCMilliseconds'],
] as const;
const DATE_FIELDS = ['weekday', 'year', 'month', 'day'];
const TIME_FIELDS = ['dayPeriod', 'hour', 'minute', 'second', 'fractionalSecondDigits'];
const FORMAT_OPTIONS = [
  'localeMatcher',
  'calendar',
  'numberingSystem',
  'hour12',
  'hourCycle',
  'timeZone',
  'weekday',
  'era',
  'year',
  'month',
  'day',
  'dayPeriod',
  'hour',
  'minute',
  'second',
  'fractionalSecondDigits',
  'timeZoneName',
  'formatMatcher',
  'dateStyle',
  'timeStyle',
];
// A date-time in ISO form without an offset, which Date.parse reads as local time: read here as UTC.
const ZONELESS_ISO = /^(?:[+-]\d{6}|\d{4})-\d\d-\d\d[Tt ]\d\d:\d\d(?::\d\d(?:\.\d{1,9})?)?$/;

/**
 * The `Date` a strategy sees: `Date.now()`, `new Date()` and `Date()` read `clock`, and every local-time
 * method, `toString`, `toLocale*String` (unless given a timeZone), `new Date(y, m, …)` and zoneless ISO
 * strings work in UTC, so a run does not depend on the server's time zone. Its instances are real Dates;
 * it does not inherit from the realm's Date (whose constructor reads the wall clock).
 */
export function createSimulatedDate(clock: () => number, DateTimeFormat: DateTimeFormatConstructor): DateConstructor {
  const RealDate = Date;
  const real = RealDate.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  const realParse = RealDate.parse;
  const realUtc = RealDate.UTC;
  const testZoneless = RegExp.prototype.test;
  const getTime = (date: unknown) => reflectApply(real.getTime!, date, []) as number;
  const utc = (date: unknown, method: string) => reflectApply(real[method]!, date, []) as number;

  const parse = (text: unknown): number => {
    const string = `${text}`;
    if (!reflectApply(testZoneless, ZONELESS_ISO, [string])) return realParse(string);
    // The date part is 10 characters, or 13 with a six-digit signed year.
    const separator = string[0] === '+' || string[0] === '-' ? 13 : 10;
    return realParse(`${sliceString(string, 0, separator)}T${sliceString(string, separator + 1)}Z`);
  };
  const pad = (value: number, width: number): string => {
    let text = `${value < 0 ? -value : value}`;
    while (text.length < width) text = `0${text}`;
    return value < 0 ? `-${text}` : text;
  };
  const dateString = (date: unknown): string =>
    `${WEEKDAYS[utc(date, 'getUTCDay')]} ${MONTHS[utc(date, 'getUTCMonth')]} ${pad(utc(date, 'getUTCDate'), 2)} ${pad(utc(date, 'getUTCFullYear'), 4)}`;
  const timeString = (date: unknown): string =>
    `${pad(utc(date, 'getUTCHours'), 2)}:${pad(utc(date, 'getUTCMinutes'), 2)}:${pad(utc(date, 'getUTCSeconds'), 2)} GMT+0000 (Coordinated Universal Time)`;
  const valid = (date: unknown) => !numberIsNaN(getTime(date));
  const localeString = (required: 'any' | 'date' | 'time', defaults: 'all' | 'date' | 'time') =>
    function (this: unknown, locales?: unknown, options?: unknown): string {
      const time = getTime(this);
      if (numberIsNaN(time)) return 'Invalid Date';
      return new DateTimeFormat(locales, dateTimeOptions(options, required, defaults)).format(time);
    };

  function SimulatedDate(this: unknown, ...args: unknown[]): unknown {
    // Called without `new`, Date gives the current time as a string.
    if (new.target === undefined) {
      const now = new RealDate(clock());
      return `${dateString(now)} ${timeString(now)}`;
    }
    let time: unknown;
    if (args.length === 0) time = clock();
    else if (args.length === 1) time = typeof args[0] === 'string' ? parse(args[0]) : args[0];
    else time = reflectApply(realUtc, undefined, args);
    return reflectConstruct(RealDate, [time], new.target);
  }

  const prototype = Object.create(RealDate.prototype) as Record<string, unknown>;
  const method = (name: string, value: (this: unknown, ...args: any[]) => unknown) =>
    defineProperty(prototype, name, { value, writable: true, configurable: true });
  for (const [local, utcName] of LOCAL_TO_UTC) method(local, real[utcName]!);
  method('constructor', SimulatedDate);
  method('getTimezoneOffset', function (this: unknown) {
    return valid(this) ? 0 : Number.NaN;
  });
  method('getYear', function (this: unknown) {
    return utc(this, 'getUTCFullYear') - 1900;
  });
  method('toString', function (this: unknown) {
    return valid(this) ? `${dateString(this)} ${timeString(this)}` : 'Invalid Date';
  });
  method('toDateString', function (this: unknown) {
    return valid(this) ? dateString(this) : 'Invalid Date';
  });
  method('toTimeString', function (this: unknown) {
    return valid(this) ? timeString(this) : 'Invalid Date';
  });
  method('toLocaleString', localeString('any', 'all'));
  method('toLocaleDateString', localeString('date', 'date'));
  method('toLocaleTimeString', localeString('time', 'time'));

  defineProperty(SimulatedDate, 'prototype', { value: prototype, writable: false, enumerable: false, configurable: false });
  defineProperty(SimulatedDate, 'name', { value: 'Date' });
  defineProperty(SimulatedDate, 'length', { value: 7 });
  defineProperty(SimulatedDate, 'now', { value: () => clock(), writable: true, configurable: true });
  defineProperty(SimulatedDate, 'parse', { value: parse, writable: true, configurable: true });
  defineProperty(SimulatedDate, 'UTC', { value: realUtc, writable: true, configurable: true });
  return SimulatedDate as unknown as DateConstructor;
}

/**
 * The options `Date.prototype.toLocale*String` hand to DateTimeFormat (ECMA-402's defaults for
 * `required` and `defaults`), with the time zone UTC unless the caller named one.
 */
function dateTimeOptions(options: unknown, required: 'any' | 'date' | 'time', defaults: 'all' | 'date' | 'time'): object {
  if (options === null) throw new TypeError('Cannot convert null to object');
  const given = (options === undefined ? {} : Object(options)) as Record<string, unknown>;
  const chosen = Object.create(null) as Record<string, unknown>;
  for (let index = 0; index < FORMAT_OPTIONS.length; index++) {
    const name = FORMAT_OPTIONS[index]!;
    const value = given[name];
    if (value !== undefined) chosen[name] = value;
  }
  let needDefaults = chosen.dateStyle === undefined && chosen.timeStyle === undefined;
  const named = (fields: string[]) => {
    for (let index = 0; index < fields.length; index++) if (chosen[fields[index]!] !== undefined) return true;
    return false;
  };
  if (required !== 'time' && named(DATE_FIELDS)) needDefaults = false;
  if (required !== 'date' && named(TIME_FIELDS)) needDefaults = false;
  if (required === 'date' && chosen.timeStyle !== undefined) throw new TypeError('Invalid option : timeStyle');
  if (required === 'time' && chosen.dateStyle !== undefined) throw new TypeError('Invalid option : dateStyle');
  if (needDefaults && defaults !== 'time') chosen.year = chosen.month = chosen.day = 'numeric';
  if (needDefaults && defaults !== 'date') chosen.hour = chosen.minute = chosen.second = 'numeric';
  if (chosen.timeZone === undefined) chosen.timeZone = 'UTC';
  return chosen;
}
