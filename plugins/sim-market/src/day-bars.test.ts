import { describe, expect, it } from 'vitest';
import { DailyPath } from './daily-path.ts';
import { createDayBars, simulateDay } from './day-bars.ts';
import { findInstrument } from './instruments.ts';
import { sessions } from './sessions.ts';

const day = Date.parse('2024-05-15') / 86_400_000;
const roundTo = (price: number, tick: number) => Math.round(price / tick) * tick;

describe('simulateDay', () => {
  it.each(['SIM:AAPL', 'SIM:EURUSD', 'SIM:ES'])(
    '%s runs from the daily open to the daily close, each bar opening at the last close',
    (symbol) => {
      const instrument = findInstrument(symbol)!;
      const path = new DailyPath(instrument, sessions[instrument.session]);
      const bars = createDayBars();
      simulateDay(path, day, bars);
      expect(bars.count).toBe(sessions[instrument.session].minutes);
      expect(bars.open[0]).toBeCloseTo(roundTo(Math.exp(path.openLog(day)), instrument.tickSize), 9);
      expect(bars.close[bars.count - 1]).toBeCloseTo(roundTo(Math.exp(path.closeLog(day)), instrument.tickSize), 9);
      for (let minute = 1; minute < bars.count; minute++) expect(bars.open[minute]).toBe(bars.close[minute - 1]);
    },
  );

  it('gives a 24h market no gap between one day and the next', () => {
    const instrument = findInstrument('SIM:BTCUSD')!;
    const path = new DailyPath(instrument, sessions.crypto);
    const [today, tomorrow] = [createDayBars(), createDayBars()];
    simulateDay(path, day, today);
    simulateDay(path, day + 1, tomorrow);
    expect(tomorrow.open[0]).toBe(today.close[today.count - 1]);
    expect(tomorrow.start).toBe(today.start + 86_400_000);
  });

  it('spreads volume so the day totals its expected level', () => {
    const instrument = findInstrument('SIM:MSFT')!;
    const path = new DailyPath(instrument, sessions['us-equity']);
    const bars = createDayBars();
    let ratio = 0;
    const days = 40;
    for (let offset = 0; offset < days * 7; offset += 7) {
      simulateDay(path, day + offset, bars);
      const total = bars.volume.subarray(0, bars.count).reduce((sum, volume) => sum + volume, 0);
      ratio += total / (instrument.dailyVolume * path.volumeFactor(day + offset)) / days;
    }
    expect(ratio).toBeGreaterThan(0.85);
    expect(ratio).toBeLessThan(1.15);
  });
});
