import type { LimitKind, LimitSet, Weekday } from '@nautilus/sdk';
import { normalQuantile } from './normal-quantile.ts';
import { type PreparedVar, prepareLimitVolatility } from './parametric-var.ts';
import { ZoneClock } from './zone-clock.ts';

/** One limit's thresholds; `warn` is Infinity when absent. */
export interface Threshold {
  readonly kind: LimitKind;
  readonly warn: number;
  readonly hard: number;
}

/** The untargeted limit of a per-instrument kind, and the ones for one symbol each (which replace it). */
export interface PerInstrument {
  readonly general: Threshold | null;
  readonly bySymbol: Map<string, Threshold>;
}

export interface RateLimit extends Threshold {
  readonly windowMs: number;
}

export interface HoursLimit {
  readonly zone: ZoneClock;
  /** Minutes after local midnight; `end` 1440 for '24:00'. */
  readonly start: number;
  readonly end: number;
  /** Allowed weekdays, 0 = Monday. */
  readonly days: readonly boolean[];
  /** e.g. '09:30–16:00 Mon–Fri'. */
  readonly window: string;
  /** The window and its zone, e.g. '09:30–16:00 Mon–Fri America/New_York'. */
  readonly text: string;
}

export interface VarLimit extends Threshold {
  readonly confidence: number;
  readonly z: number;
  /** e.g. '99 %', for messages. */
  readonly label: string;
  /** 'resulting one-day 99 % VaR'. */
  readonly what: string;
  /** From the limit's own `volatility`; a check's context may bring its own instead. */
  readonly prepared: PreparedVar | null;
}

/**
 * A LimitSet laid out for the order path: per-kind slots instead of a list, Maps for per-symbol
 * overrides, time zones and VaR inputs prepared. Built once per run (or per stored limit set).
 */
export interface CompiledLimits {
  readonly source: LimitSet;
  readonly onHardBreach: LimitSet['onHardBreach'];
  readonly allowed: { readonly symbols: Set<string>; readonly text: string } | null;
  readonly hours: HoursLimit | null;
  readonly orderQuantity: PerInstrument | null;
  readonly orderNotional: PerInstrument | null;
  readonly orderRates: readonly RateLimit[];
  readonly position: PerInstrument | null;
  readonly concentration: PerInstrument | null;
  readonly grossExposure: Threshold | null;
  readonly netExposure: Threshold | null;
  readonly leverage: Threshold | null;
  readonly var: VarLimit | null;
  readonly dailyLoss: (Threshold & { readonly zone: ZoneClock }) | null;
  readonly drawdown: Threshold | null;
  /** Order times a rate check needs kept: the largest maxOrderRate count. */
  readonly orderTimesCapacity: number;
  /** Whether the set names instruments (allowedInstruments, a `symbol`, VaR volatilities). */
  readonly namesInstruments: boolean;
}

const WEEKDAY_INDEX: Record<Weekday, number> = { mon: 0, tue: 1, wed: 2, thu: 3, fri: 4, sat: 5, sun: 6 };
const WEEKDAY_LABELS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/**
 * Lays out a limit set that passed `checkLimitSet` (the host checks it before a run; `compileLimitSet`
 * in the runtime's entry does both). Later limits of a kind replace earlier ones.
 */
export function compileLimits(source: LimitSet): CompiledLimits {
  const zones = new Map<string, ZoneClock>();
  const zone = (name: string) => {
    let clock = zones.get(name);
    if (clock === undefined) {
      clock = new ZoneClock(name);
      zones.set(name, clock);
    }
    return clock;
  };
  const slots: Record<string, Threshold | null> = {};
  const perInstrument: Partial<Record<LimitKind, PerInstrument>> = {};
  const orderRates: RateLimit[] = [];
  let allowed: CompiledLimits['allowed'] = null;
  let hours: HoursLimit | null = null;
  let varLimit: VarLimit | null = null;
  let dailyLoss: CompiledLimits['dailyLoss'] = null;
  let namesInstruments = false;
  for (const limit of source.limits) {
    switch (limit.kind) {
      case 'allowedInstruments':
        allowed = { symbols: new Set(limit.symbols), text: limit.symbols.join(', ') };
        namesInstruments = true;
        break;
      case 'tradingHours':
        hours = compileHours(limit.timeZone, limit.start, limit.end, limit.weekdays, zone(limit.timeZone));
        break;
      case 'maxOrderRate':
        orderRates.push({ ...threshold(limit.kind, limit.warn, limit.hard), windowMs: limit.windowMs });
        break;
      case 'maxOrderQuantity':
      case 'maxOrderNotional':
      case 'maxPosition':
      case 'maxConcentration': {
        const slot = perInstrument[limit.kind] ?? { general: null, bySymbol: new Map<string, Threshold>() };
        const compiled = threshold(limit.kind, limit.warn, limit.hard);
        if (limit.symbol === undefined) perInstrument[limit.kind] = { ...slot, general: compiled };
        else {
          slot.bySymbol.set(limit.symbol, compiled);
          perInstrument[limit.kind] = slot;
          namesInstruments = true;
        }
        break;
      }
      case 'maxVar': {
        const confidence = limit.confidence ?? 0.99;
        const prepared = limit.volatility === undefined ? null : prepareLimitVolatility(limit.volatility);
        if (prepared !== null) namesInstruments = true;
        const label = `${Number((confidence * 100).toFixed(4))} %`;
        varLimit = {
          ...threshold(limit.kind, limit.warn, limit.hard),
          confidence,
          z: normalQuantile(confidence),
          label,
          what: `resulting one-day ${label} VaR`,
          prepared,
        };
        break;
      }
      case 'maxDailyLoss':
        dailyLoss = { ...threshold(limit.kind, limit.warn, limit.hard), zone: zone(limit.timeZone ?? 'UTC') };
        break;
      default:
        slots[limit.kind] = threshold(limit.kind, limit.warn, limit.hard);
    }
  }
  return {
    source,
    onHardBreach: source.onHardBreach,
    allowed,
    hours,
    orderQuantity: perInstrument.maxOrderQuantity ?? null,
    orderNotional: perInstrument.maxOrderNotional ?? null,
    orderRates,
    position: perInstrument.maxPosition ?? null,
    concentration: perInstrument.maxConcentration ?? null,
    grossExposure: slots.maxGrossExposure ?? null,
    netExposure: slots.maxNetExposure ?? null,
    leverage: slots.maxLeverage ?? null,
    var: varLimit,
    dailyLoss,
    drawdown: slots.maxDrawdown ?? null,
    orderTimesCapacity: orderRates.reduce((most, rate) => Math.max(most, rate.hard), 0),
    namesInstruments,
  };
}

/** The threshold that applies to `symbol`: its own, else the untargeted one. */
export function thresholdFor(slot: PerInstrument, symbol: string): Threshold | null {
  return slot.bySymbol.size === 0 ? slot.general : (slot.bySymbol.get(symbol) ?? slot.general);
}

/** The day (days since 1970-01-01, local to maxDailyLoss's time zone, UTC without one) that `time` falls on. */
export function limitDayOf(limits: CompiledLimits, time: number): number {
  return limits.dailyLoss === null ? Math.floor(time / 86_400_000) : limits.dailyLoss.zone.localDay(time);
}

function threshold(kind: LimitKind, warn: number | undefined, hard: number): Threshold {
  return { kind, warn: warn ?? Number.POSITIVE_INFINITY, hard };
}

function compileHours(
  timeZone: string,
  start: string,
  end: string,
  weekdays: Weekday[] | undefined,
  zone: ZoneClock,
): HoursLimit {
  const minutes = (text: string) => Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5));
  const days = [false, false, false, false, false, false, false];
  for (const day of weekdays ?? (['mon', 'tue', 'wed', 'thu', 'fri'] as const)) days[WEEKDAY_INDEX[day]] = true;
  const window = `${start}–${end} ${describeDays(days)}`;
  return { zone, start: minutes(start), end: minutes(end), days, window, text: `${window} ${timeZone}` };
}

/** [Mon..Fri] → 'Mon–Fri'; other sets listed. */
function describeDays(days: readonly boolean[]): string {
  const chosen = WEEKDAY_LABELS.filter((_, index) => days[index]);
  const first = days.indexOf(true);
  const contiguous = chosen.length > 2 && days.slice(first, first + chosen.length).every(Boolean);
  return contiguous ? `${chosen[0]}–${chosen[chosen.length - 1]}` : chosen.join(', ');
}
