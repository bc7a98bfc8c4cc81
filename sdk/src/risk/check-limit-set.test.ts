import { describe, expect, it } from 'vitest';
import { checkLimitSet, type JsonSchema, LIMIT_KINDS, type LimitSet, limitSetSchema } from '../index.ts';

const SOUND: LimitSet = {
  onHardBreach: 'reduce-only',
  limits: [
    { kind: 'maxOrderQuantity', warn: 500, hard: 1_000 },
    { kind: 'maxOrderQuantity', hard: 5_000, symbol: 'SIM:BIG' },
    { kind: 'maxOrderNotional', hard: 100_000 },
    { kind: 'maxPosition', hard: 2_000 },
    { kind: 'maxGrossExposure', hard: 1e6 },
    { kind: 'maxNetExposure', hard: 5e5 },
    { kind: 'maxLeverage', warn: 1.5, hard: 2 },
    { kind: 'maxConcentration', hard: 0.25 },
    { kind: 'maxDailyLoss', hard: 5_000, timeZone: 'America/New_York' },
    { kind: 'maxDrawdown', warn: 0.1, hard: 0.2 },
    { kind: 'maxVar', hard: 20_000, confidence: 0.99, volatility: { 'SIM:AAPL': 0.02 } },
    { kind: 'maxOrderRate', windowMs: 1_000, hard: 10 },
    { kind: 'maxOrderRate', windowMs: 60_000, hard: 100 },
    { kind: 'allowedInstruments', symbols: ['SIM:AAPL', 'SIM:BIG'] },
    { kind: 'tradingHours', timeZone: 'America/New_York', start: '09:30', end: '16:00', weekdays: ['mon', 'tue'] },
  ],
};

describe('checkLimitSet', () => {
  it('accepts a sound set with every kind', () => {
    expect(checkLimitSet(SOUND)).toEqual([]);
    expect(new Set(SOUND.limits.map((limit) => limit.kind))).toEqual(new Set(LIMIT_KINDS));
  });

  it('names each bad field and what was expected', () => {
    const issues = checkLimitSet({
      onHardBreach: 'panic',
      extra: 1,
      limits: [
        { kind: 'maxPosition', hard: -1 },
        { kind: 'maxLoss', hard: 1 },
        { kind: 'maxOrderQuantity', warn: 500, hard: 400 },
        { kind: 'maxDrawdown', hard: 1.5, symbol: 'SIM:A' },
        { kind: 'maxOrderRate', windowMs: 0, hard: 2.5 },
        { kind: 'tradingHours', timeZone: 'Mars/Olympus', start: '9:30', end: '09:30', weekdays: ['mon', 'mon'] },
        { kind: 'tradingHours', timeZone: 'UTC', start: '10:00', end: '10:00' },
        { kind: 'allowedInstruments', symbols: [] },
        { kind: 'maxVar', hard: 1, confidence: 0.3, volatility: { 'SIM:A': -0.1 } },
        { kind: 'maxPosition', hard: 5 },
        'not a limit',
      ],
    });
    expect(issues).toEqual([
      { path: 'extra', message: 'is not an allowed field' },
      { path: 'onHardBreach', message: "must be 'deny', 'reduce-only' or 'halt', got 'panic'" },
      { path: 'limits[0].hard', message: 'must be a finite number >= 0, got -1' },
      { path: 'limits[1].kind', message: `must be one of ${LIMIT_KINDS.join(', ')}, got 'maxLoss'` },
      { path: 'limits[2].hard', message: 'must be > warn (500), got 400' },
      { path: 'limits[3].symbol', message: 'is not a field of maxDrawdown' },
      { path: 'limits[3].hard', message: 'must be a finite number >= 0 and <= 1, got 1.5' },
      { path: 'limits[4].windowMs', message: 'must be a whole number of ms >= 1, got 0' },
      { path: 'limits[4].hard', message: 'must be a whole number >= 1, got 2.5' },
      { path: 'limits[5].timeZone', message: "must be an IANA time zone such as 'America/New_York', got 'Mars/Olympus'" },
      { path: 'limits[5].start', message: "must be 'HH:MM' from 00:00 to 23:59, got '9:30'" },
      {
        path: 'limits[5].weekdays',
        message: 'must be a non-empty list of distinct mon, tue, wed, thu, fri, sat, sun, got ["mon","mon"]',
      },
      { path: 'limits[6].end', message: 'must differ from start (10:00)' },
      { path: 'limits[6]', message: 'duplicates limits[5]: one tradingHours limit per set' },
      { path: 'limits[7].symbols', message: 'must be a non-empty list of symbols' },
      { path: 'limits[8].confidence', message: 'must be a number between 0.5 and 1 (exclusive), e.g. 0.99, got 0.3' },
      { path: 'limits[8].volatility.SIM:A', message: 'must be a finite number >= 0 (0.02 = 2 % a day), got -0.1' },
      { path: 'limits[9]', message: 'duplicates limits[0]: one maxPosition limit without a symbol per set' },
      { path: 'limits[10]', message: "must be an object with a kind, got 'not a limit'" },
    ]);
  });

  it('refuses every maxVar volatility or confidence a VaR cannot be computed from, naming the field', () => {
    const varLimit = (fields: Record<string, unknown>) =>
      checkLimitSet({ onHardBreach: 'deny', limits: [{ kind: 'maxVar', hard: 1, ...fields }] });
    for (const sigma of [-0.01, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, '0.02', null]) {
      expect(varLimit({ volatility: { 'SIM:A': 0.02, 'SIM:B': sigma } }), String(sigma)).toEqual([
        {
          path: 'limits[0].volatility.SIM:B',
          message: `must be a finite number >= 0 (0.02 = 2 % a day), got ${typeof sigma === 'string' ? `'${sigma}'` : String(sigma)}`,
        },
      ]);
    }
    for (const confidence of [Number.NaN, 0.5, 1, 1.5, '0.99']) {
      expect(varLimit({ confidence })[0]?.path, String(confidence)).toBe('limits[0].confidence');
    }
    expect(varLimit({ volatility: [0.02] })[0]?.path).toBe('limits[0].volatility');
    expect(varLimit({ volatility: { 'SIM:A': 0 }, confidence: 0.975 })).toEqual([]);
  });

  it('prefixes paths, e.g. inside a backtest config', () => {
    expect(checkLimitSet({ onHardBreach: 'deny', limits: [{ kind: 'maxLeverage', warn: 3, hard: 2 }] }, 'config.limits')).toEqual(
      [{ path: 'config.limits.limits[0].hard', message: 'must be > warn (3), got 2' }],
    );
    expect(checkLimitSet(null, 'config.limits')).toEqual([
      { path: 'config.limits', message: 'must be an object { limits, onHardBreach }, got null' },
    ]);
  });
});

describe('limitSetSchema', () => {
  const branches = (limitSetSchema.properties!.limits!.items!.oneOf ?? []) as JsonSchema[];

  it('has one closed branch per limit kind, told apart by its kind', () => {
    expect(branches.map((branch) => branch.properties!.kind!.const)).toEqual([
      'maxOrderQuantity',
      'maxOrderNotional',
      'maxPosition',
      'maxGrossExposure',
      'maxNetExposure',
      'maxLeverage',
      'maxConcentration',
      'maxDailyLoss',
      'maxDrawdown',
      'maxVar',
      'maxOrderRate',
      'allowedInstruments',
      'tradingHours',
    ]);
    for (const branch of branches) {
      expect(branch.additionalProperties).toBe(false);
      expect(branch.required).toContain('kind');
    }
  });

  it('lists the same fields per kind as checkLimitSet accepts', () => {
    for (const limit of SOUND.limits) {
      const branch = branches.find((candidate) => candidate.properties!.kind!.const === limit.kind)!;
      for (const field of Object.keys(limit)) expect(branch.properties).toHaveProperty(field);
      for (const field of Object.keys(branch.properties!)) {
        const probe = {
          onHardBreach: 'deny',
          limits: [{ ...limit, [field]: (limit as unknown as Record<string, unknown>)[field] }],
        };
        expect(checkLimitSet(probe).filter((issue) => issue.message.startsWith('is not a field'))).toEqual([]);
      }
    }
  });
});
