import type { Limit, LimitFinding, LimitSet, PreTradeDecision } from '@nautilus/sdk';
import { describe, expect, it } from 'vitest';
import {
  type CheckContext,
  checkOrder,
  checkPortfolio,
  compileLimitSet,
  type OrderIntent,
  OrderTimeRing,
  type PortfolioState,
  type PositionState,
} from '../../index.ts';

// Thresholds are inclusive throughout: a value equal to a threshold is within it.
const NOW = Date.UTC(2024, 2, 11, 15, 0); // Monday 11:00 in New York
const AAPL = 'SIM:AAPL';

function account(positions: PositionState[] = [], fields: Partial<PortfolioState> = {}): PortfolioState {
  return { positions, equity: 100_000, startOfDayEquity: 100_000, peakEquity: 100_000, ...fields };
}

function check(
  limits: Limit[],
  order: Partial<OrderIntent>,
  state: PortfolioState = account(),
  context: Partial<CheckContext> = {},
  onHardBreach: LimitSet['onHardBreach'] = 'deny',
): PreTradeDecision {
  return checkOrder({ symbol: AAPL, side: 'buy', quantity: 1, ...order }, state, compileLimitSet({ limits, onHardBreach }), {
    now: NOW,
    ...context,
  });
}

/** 'ok', 'warn' or 'deny', for compact boundary tables. */
function verdict(decision: PreTradeDecision): string {
  if (!decision.accepted) return 'deny';
  return decision.warnings.length > 0 ? 'warn' : 'ok';
}

const held = (symbol: string, quantity: number, price: number, pending: Partial<PositionState> = {}): PositionState => ({
  symbol,
  quantity,
  price,
  ...pending,
});

describe('checkOrder: order limits', () => {
  it('maxOrderQuantity: accepts up to warn, warns up to hard, denies above', () => {
    const limits: Limit[] = [{ kind: 'maxOrderQuantity', warn: 500, hard: 1_000 }];
    expect([500, 501, 1_000, 1_001].map((quantity) => verdict(check(limits, { quantity })))).toEqual([
      'ok',
      'warn',
      'warn',
      'deny',
    ]);
    expect(check(limits, { quantity: 1_001 }).denial).toEqual({
      limit: 'maxOrderQuantity',
      level: 'hard',
      threshold: 1_000,
      value: 1_001,
      message: 'maxOrderQuantity SIM:AAPL: order quantity 1,001 exceeds hard limit 1,000',
      symbol: AAPL,
    });
    expect(check(limits, { quantity: 600 }).warnings[0]!.message).toBe(
      'maxOrderQuantity SIM:AAPL: order quantity 600 exceeds warn limit 500',
    );
  });

  it('lets a limit for one symbol replace the untargeted one for that symbol', () => {
    const limits: Limit[] = [
      { kind: 'maxOrderQuantity', hard: 1_000 },
      { kind: 'maxOrderQuantity', hard: 5_000, symbol: 'SIM:BIG' },
    ];
    expect(verdict(check(limits, { symbol: 'SIM:BIG', quantity: 5_000 }))).toBe('ok');
    expect(verdict(check(limits, { symbol: 'SIM:BIG', quantity: 5_001 }))).toBe('deny');
    expect(verdict(check(limits, { quantity: 1_001 }))).toBe('deny');
  });

  it('maxOrderNotional: values limit orders at their limit price, stops at their stop, market orders at the mark', () => {
    const limits: Limit[] = [{ kind: 'maxOrderNotional', warn: 5_000, hard: 10_000 }];
    const state = account([held(AAPL, 0, 200)]);
    expect(verdict(check(limits, { quantity: 25 }, state))).toBe('ok'); // 5,000
    expect(verdict(check(limits, { quantity: 26 }, state))).toBe('warn'); // 5,200
    expect(verdict(check(limits, { quantity: 100, type: 'limit', limitPrice: 100 }, state))).toBe('warn'); // 10,000
    expect(verdict(check(limits, { quantity: 101, type: 'limit', limitPrice: 100 }, state))).toBe('deny'); // 10,100
    expect(verdict(check(limits, { quantity: 40, type: 'stop', stopPrice: 250 }, state))).toBe('warn'); // 10,000
    expect(check(limits, { quantity: 51 }, state).denial?.message).toBe(
      'maxOrderNotional SIM:AAPL: order notional 10,200 exceeds hard limit 10,000',
    );
  });

  it('fails closed when a market order cannot be valued', () => {
    const denial = check([{ kind: 'maxOrderNotional', hard: 10_000 }], { symbol: 'SIM:NEW', quantity: 1 }).denial;
    expect(denial).toMatchObject({ limit: 'maxOrderNotional', level: 'hard', value: Number.NaN });
    expect(denial?.message).toBe(
      'maxOrderNotional SIM:NEW: order notional cannot be computed (no price for SIM:NEW yet), so it counts as beyond the hard limit 10,000',
    );
    expect(verdict(check([{ kind: 'maxOrderNotional', hard: 10_000 }], { symbol: 'SIM:NEW', quantity: 1, price: 50 }))).toBe(
      'ok',
    );
  });

  it('maxOrderRate: counts accepted orders in (now − windowMs, now], this one included', () => {
    const limits: Limit[] = [{ kind: 'maxOrderRate', windowMs: 1_000, warn: 2, hard: 3 }];
    const orderTimes = new OrderTimeRing(3);
    const state = account([], { orderTimes });
    expect(verdict(check(limits, {}, state, { now: 0 }))).toBe('ok');
    orderTimes.push(0);
    expect(verdict(check(limits, {}, state, { now: 100 }))).toBe('ok'); // 2 in the window: at warn
    orderTimes.push(100);
    expect(verdict(check(limits, {}, state, { now: 200 }))).toBe('warn'); // 3: at hard
    orderTimes.push(200);
    const denied = check(limits, {}, state, { now: 999 });
    expect(denied.denial?.message).toBe('maxOrderRate: 4 orders in 1,000 ms exceeds hard limit 3');
    // At 1,000 the order at 0 has left the window (0 is not > 1,000 − 1,000).
    expect(verdict(check(limits, {}, state, { now: 1_000 }))).toBe('warn');
    expect(verdict(check(limits, {}, state, { now: 1_200 }))).toBe('ok');
  });

  it('allowedInstruments: denies anything not listed', () => {
    const limits: Limit[] = [{ kind: 'allowedInstruments', symbols: [AAPL, 'SIM:MSFT'] }];
    expect(verdict(check(limits, {}))).toBe('ok');
    expect(check(limits, { symbol: 'SIM:GME' }).denial).toEqual({
      limit: 'allowedInstruments',
      level: 'hard',
      threshold: 'SIM:AAPL, SIM:MSFT',
      value: 'SIM:GME',
      message: 'allowedInstruments: SIM:GME is not an allowed instrument (allowed: SIM:AAPL, SIM:MSFT)',
      symbol: 'SIM:GME',
    });
  });
});

describe('checkOrder: trading hours in America/New_York', () => {
  const limits: Limit[] = [{ kind: 'tradingHours', timeZone: 'America/New_York', start: '09:30', end: '16:00' }];
  const at = (iso: string) => verdict(check(limits, {}, account(), { now: Date.parse(iso) }));

  it('opens at 09:30 and closes at 16:00 local time, in winter (UTC−5) and summer (UTC−4)', () => {
    // Friday 8 March 2024, EST.
    expect(['2024-03-08T14:29:00Z', '2024-03-08T14:30:00Z', '2024-03-08T20:59:00Z', '2024-03-08T21:00:00Z'].map(at)).toEqual([
      'deny',
      'ok',
      'ok',
      'deny',
    ]);
    // Monday 11 March 2024, the first weekday after DST began on Sunday 10 March: EDT.
    expect(['2024-03-11T13:29:00Z', '2024-03-11T13:30:00Z', '2024-03-11T19:59:00Z', '2024-03-11T20:00:00Z'].map(at)).toEqual([
      'deny',
      'ok',
      'ok',
      'deny',
    ]);
    // Monday 4 November 2024, the day after DST ended: EST again.
    expect(['2024-11-04T14:29:00Z', '2024-11-04T14:30:00Z', '2024-11-04T21:00:00Z'].map(at)).toEqual(['deny', 'ok', 'deny']);
  });

  it('is closed on weekends unless they are listed', () => {
    expect(at('2024-03-09T15:00:00Z')).toBe('deny'); // Saturday 10:00 EST
    const weekend: Limit[] = [
      { kind: 'tradingHours', timeZone: 'America/New_York', start: '09:30', end: '16:00', weekdays: ['sat', 'sun'] },
    ];
    expect(verdict(check(weekend, {}, account(), { now: Date.parse('2024-03-09T15:00:00Z') }))).toBe('ok');
    expect(verdict(check(weekend, {}, account(), { now: Date.parse('2024-03-11T15:00:00Z') }))).toBe('deny');
  });

  it('says when, in local time, and which window', () => {
    const decision = check(limits, {}, account(), { now: Date.parse('2024-03-11T20:00:00Z') });
    expect(decision.denial).toEqual({
      limit: 'tradingHours',
      level: 'hard',
      threshold: '09:30–16:00 Mon–Fri America/New_York',
      value: 'Mon 2024-03-11 16:00',
      message: 'tradingHours: Mon 2024-03-11 16:00 (America/New_York) is outside trading hours 09:30–16:00 Mon–Fri',
    });
  });

  it('takes an end before the start as a session across midnight', () => {
    const overnight: Limit[] = [
      { kind: 'tradingHours', timeZone: 'America/New_York', start: '18:00', end: '17:00', weekdays: ['mon', 'tue'] },
    ];
    const when = (iso: string) => verdict(check(overnight, {}, account(), { now: Date.parse(iso) }));
    // Monday 17:00 and 17:59 EDT are in the daily break; 18:00 reopens; Tuesday 16:59 still open.
    expect(['2024-03-11T21:00:00Z', '2024-03-11T21:59:00Z', '2024-03-11T22:00:00Z', '2024-03-12T20:59:00Z'].map(when)).toEqual([
      'deny',
      'deny',
      'ok',
      'ok',
    ]);
  });
});

describe('checkOrder: exposure limits', () => {
  it('maxPosition: counts the position held plus open orders on the order side', () => {
    const limits: Limit[] = [{ kind: 'maxPosition', warn: 900, hard: 1_000 }];
    expect(verdict(check(limits, { quantity: 100 }, account([held(AAPL, 800, 10)])))).toBe('ok'); // 900
    expect(verdict(check(limits, { quantity: 200 }, account([held(AAPL, 800, 10)])))).toBe('warn'); // 1,000
    expect(verdict(check(limits, { quantity: 201 }, account([held(AAPL, 800, 10)])))).toBe('deny');
    // 800 held + 150 in open buys + 100 = 1,050; open sells do not offset a buy.
    expect(verdict(check(limits, { quantity: 100 }, account([held(AAPL, 800, 10, { pendingBuy: 150, pendingSell: 500 })])))).toBe(
      'deny',
    );
    expect(check(limits, { quantity: 400 }, account([held(AAPL, 800, 10)])).denial?.message).toBe(
      'maxPosition SIM:AAPL: resulting position 1,200 exceeds hard limit 1,000',
    );
    // Short side: −800 − 201 = −1,001.
    expect(verdict(check(limits, { side: 'sell', quantity: 201 }, account([held(AAPL, -800, 10)])))).toBe('deny');
  });

  it('always accepts an order that brings a breached position closer to flat, and nothing that flips it', () => {
    const limits: Limit[] = [{ kind: 'maxPosition', hard: 1_000 }];
    const breached = account([held(AAPL, 1_500, 10)]);
    expect(check(limits, { side: 'sell', quantity: 100 }, breached)).toEqual({ accepted: true, warnings: [] });
    expect(verdict(check(limits, { side: 'sell', quantity: 1_500 }, breached))).toBe('ok');
    // Selling 2,600 ends at −1,100: a new position beyond the limit.
    expect(verdict(check(limits, { side: 'sell', quantity: 2_600 }, breached))).toBe('deny');
    // Open sells already take 1,400 off; another 200 would go short 100: not reducing, but within the limit.
    expect(
      verdict(check(limits, { side: 'sell', quantity: 200 }, account([held(AAPL, 1_500, 10, { pendingSell: 1_400 })]))),
    ).toBe('ok');
  });

  it('maxGrossExposure: Σ |quantity × price| with the order valued at the mark', () => {
    const limits: Limit[] = [{ kind: 'maxGrossExposure', hard: 12_000 }];
    // 100 × 50 + |−50 × 100| = 10,000 held.
    const state = account([held(AAPL, 100, 50), held('SIM:MSFT', -50, 100)]);
    expect(verdict(check(limits, { symbol: 'SIM:NEW', quantity: 20, price: 100 }, state))).toBe('ok'); // 12,000
    expect(check(limits, { symbol: 'SIM:NEW', quantity: 21, price: 100 }, state).denial?.message).toBe(
      'maxGrossExposure: resulting gross exposure 12,100 exceeds hard limit 12,000',
    );
    // A limit buy is valued at the mark (50), not its limit price: 10,000 + 40 × 50 = 12,000.
    expect(verdict(check(limits, { quantity: 40, type: 'limit', limitPrice: 10 }, state))).toBe('ok');
    expect(verdict(check(limits, { quantity: 41, type: 'limit', limitPrice: 10 }, state))).toBe('deny');
  });

  it('maxNetExposure: |Σ quantity × price|; an order that shrinks it passes even while it is breached', () => {
    const limits: Limit[] = [{ kind: 'maxNetExposure', hard: 3_000 }];
    const balanced = account([held(AAPL, 100, 50), held('SIM:MSFT', -50, 100)]); // net 0
    expect(verdict(check(limits, { quantity: 60 }, balanced))).toBe('ok'); // 3,000
    expect(verdict(check(limits, { quantity: 61 }, balanced))).toBe('deny'); // 3,050
    const shortHeavy = account([held(AAPL, 0, 50), held('SIM:MSFT', -100, 100)]); // net −10,000
    // Opening a long in AAPL is not closing anything, but takes net exposure to −7,500.
    expect(verdict(check(limits, { quantity: 50 }, shortHeavy))).toBe('ok');
    expect(verdict(check(limits, { side: 'sell', quantity: 1 }, shortHeavy))).toBe('deny');
  });

  it('maxLeverage: gross / equity', () => {
    const limits: Limit[] = [{ kind: 'maxLeverage', warn: 1.5, hard: 2 }];
    const state = account([held('SIM:MSFT', 100, 100)], { equity: 10_000 }); // 1x
    expect(verdict(check(limits, { quantity: 100 }, account([held(AAPL, 0, 50), ...state.positions], { equity: 10_000 })))).toBe(
      'ok',
    ); // 15,000 / 10,000
    expect(verdict(check(limits, { quantity: 200, price: 50 }, state))).toBe('warn'); // 2x
    expect(check(limits, { quantity: 210, price: 50 }, state).denial?.message).toBe(
      'maxLeverage: resulting leverage 2.05x exceeds hard limit 2x',
    );
    expect(check(limits, { quantity: 1, price: 50 }, account([], { equity: 0 })).denial?.message).toBe(
      'maxLeverage: resulting leverage cannot be computed (equity is 0), so it counts as beyond the hard limit 2x',
    );
  });

  it('maxConcentration: |position value| / equity for the order instrument', () => {
    const limits: Limit[] = [{ kind: 'maxConcentration', hard: 0.5 }];
    const state = account([held(AAPL, 0, 50)], { equity: 10_000 });
    expect(verdict(check(limits, { quantity: 100 }, state))).toBe('ok'); // 5,000 / 10,000
    expect(check(limits, { quantity: 101 }, state).denial?.message).toBe(
      'maxConcentration SIM:AAPL: resulting share of equity 50.5 % exceeds hard limit 50 %',
    );
  });
});

describe('checkOrder: loss limits', () => {
  it('maxDailyLoss: while the day has lost more than a threshold, only reducing orders pass without a finding', () => {
    const limits: Limit[] = [{ kind: 'maxDailyLoss', warn: 500, hard: 1_000 }];
    const long = (equity: number) => account([held(AAPL, 10, 100)], { startOfDayEquity: 10_000, equity });
    expect(verdict(check(limits, {}, long(9_500)))).toBe('ok');
    expect(verdict(check(limits, {}, long(9_000)))).toBe('warn'); // loss 1,000: at hard
    const denied = check(limits, {}, long(8_999.5));
    expect(denied.denial?.message).toBe(
      'maxDailyLoss: loss today 1,000.5 exceeds hard limit 1,000; only orders that reduce a position are accepted',
    );
    expect(verdict(check(limits, { side: 'sell', quantity: 10 }, long(8_000)))).toBe('ok');
  });

  it('maxDrawdown: fraction below peak equity', () => {
    const limits: Limit[] = [{ kind: 'maxDrawdown', hard: 0.125 }];
    expect(verdict(check(limits, {}, account([], { peakEquity: 8_000, equity: 7_000 })))).toBe('ok'); // exactly 12.5 %
    expect(check(limits, {}, account([], { peakEquity: 8_000, equity: 6_999 })).denial?.message).toBe(
      'maxDrawdown: drawdown from peak equity 12.51 % exceeds hard limit 12.5 %; only orders that reduce a position are accepted',
    );
  });
});

describe('checkOrder: maxVar', () => {
  // Two positions worth 10,000 (σ 2 % a day) and 5,000 (σ 3 %), correlation 0.5:
  // variance = 10,000² × 0.0004 + 5,000² × 0.0009 + 2 × 0.5 × 10,000 × 5,000 × 0.02 × 0.03 = 92,500.
  const Z99 = 2.3263478740408408; // Φ⁻¹(0.99), from tables
  const inputs = { symbols: [AAPL, 'SIM:MSFT'], volatility: [0.02, 0.03], correlation: [1, 0.5, 0.5, 1] };
  const state = account([held(AAPL, 100, 100), held('SIM:MSFT', 50, 100)]);

  it('is z × √(vᵀΣv) of the resulting positions, from the check context', () => {
    const before = Z99 * Math.sqrt(92_500); // 707.53
    // Buying 10 more AAPL: v = (11,000, 5,000): 48,400 + 22,500 + 33,000 = 103,900.
    const after = Z99 * Math.sqrt(103_900); // 749.86
    expect(verdict(check([{ kind: 'maxVar', hard: 750 }], { quantity: 10 }, state, { var: inputs }))).toBe('ok');
    const denied = check([{ kind: 'maxVar', hard: 749 }], { quantity: 10 }, state, { var: inputs });
    expect(denied.denial?.value).toBeCloseTo(after, 6);
    expect(denied.denial?.message).toBe('maxVar: resulting one-day 99 % VaR 749.86 exceeds hard limit 749');
    // Selling MSFT (reducing) is fine even above the limit.
    expect(
      verdict(
        check([{ kind: 'maxVar', hard: before / 2 }], { symbol: 'SIM:MSFT', side: 'sell', quantity: 10 }, state, { var: inputs }),
      ),
    ).toBe('ok');
  });

  it("takes the limit's own volatilities as perfectly correlated: Σ |vᵢ| σᵢ", () => {
    const limits: Limit[] = [{ kind: 'maxVar', hard: 1_000, confidence: 0.95, volatility: { [AAPL]: 0.02, 'SIM:MSFT': 0.03 } }];
    const Z95 = 1.6448536269514722;
    // (10,000 × 0.02 + 5,000 × 0.03 + 10 × 100 × 0.02) × z = 370 × 1.6449 = 608.6.
    const decision = check([{ ...limits[0]!, hard: 600 } as Limit], { quantity: 10 }, state);
    // Φ⁻¹ is approximated to a relative 1.2e-9 (Acklam).
    expect(Math.abs((decision.denial?.value as number) / (370 * Z95) - 1)).toBeLessThan(2e-9);
    expect(verdict(check(limits, { quantity: 10 }, state))).toBe('ok');
  });

  it('fails closed without a volatility for an instrument in play', () => {
    const denial = check([{ kind: 'maxVar', hard: 1e9 }], { symbol: 'SIM:NEW', quantity: 1, price: 10 }, state, {
      var: inputs,
    }).denial;
    expect(denial?.message).toBe(
      'maxVar: resulting one-day 99 % VaR cannot be computed (no volatility for SIM:NEW), so it counts as beyond the hard limit 1,000,000,000',
    );
  });
});

describe('checkOrder: maxVar fails closed on VaR inputs that cannot give a VaR', () => {
  const three = ['SIM:A', 'SIM:B', 'SIM:C'];
  const vols = [0.02, 0.02, 0.02];
  // Long A, short B, long C, 10,000 each. With ρ = (0.9, −0.9, 0.9) the "variance" is
  // 200² × (3 + 2(−0.9 − 0.9 − 0.9)) = 200² × −2.4 < 0: clamped to 0, VaR 0, and every order passed.
  const book = account([held('SIM:A', 100, 100), held('SIM:B', -100, 100), held('SIM:C', 100, 100)]);
  const limits: Limit[] = [{ kind: 'maxVar', hard: 1e9 }];
  const expectDenied = (inputs: CheckContext['var'], reason: RegExp) => {
    const decision = check(limits, { symbol: 'SIM:A', quantity: 1 }, book, { var: inputs });
    expect(decision.accepted, JSON.stringify(inputs)).toBe(false);
    expect(decision.denial).toMatchObject({ limit: 'maxVar', level: 'hard', threshold: 1e9, value: Number.NaN });
    const message = decision.denial!.message;
    expect(message).toMatch(
      /^maxVar: resulting one-day 99 % VaR cannot be computed \(.+\), so it counts as beyond the hard limit 1,000,000,000$/,
    );
    expect(message).toMatch(reason);
    return message;
  };

  it('denies, naming the reason, when the correlation matrix is not positive semi-definite', () => {
    const message = expectDenied(
      { symbols: three, volatility: vols, correlation: [1, 0.9, -0.9, 0.9, 1, 0.9, -0.9, 0.9, 1] },
      /the correlation matrix is not positive semi-definite/,
    );
    expect(message).toContain('SIM:A, SIM:B, SIM:C');
    // Just beyond the PSD boundary (ρ = 0.5, 0.5, −0.5 is singular, −0.5001 is not PSD).
    expectDenied(
      { symbols: three, volatility: vols, correlation: [1, 0.5, 0.5, 0.5, 1, -0.5001, 0.5, -0.5001, 1] },
      /not positive semi-definite/,
    );
    // On the boundary the matrix is PSD and the check computes: a VaR, not a denial.
    const boundary = { symbols: three, volatility: vols, correlation: [1, 0.5, 0.5, 0.5, 1, -0.5, 0.5, -0.5, 1] };
    expect(check(limits, { symbol: 'SIM:A', quantity: 1 }, book, { var: boundary }).accepted).toBe(true);
  });

  it('denies when the matrix is not symmetric, beyond ±1, not finite, of the wrong size, or has a diagonal other than 1', () => {
    const matrix = (entries: Record<number, number>) => {
      const values = [1, 0.2, 0.1, 0.2, 1, 0.3, 0.1, 0.3, 1];
      for (const [index, value] of Object.entries(entries)) values[Number(index)] = value;
      return values;
    };
    const cases: [number[], RegExp][] = [
      [matrix({ 3: 0.25 }), /not symmetric/],
      [matrix({ 1: 1.5, 3: 1.5 }), /SIM:A–SIM:B is 1\.5, outside \[−1, 1\]/],
      [matrix({ 2: -1.01, 6: -1.01 }), /outside \[−1, 1\]/],
      [matrix({ 5: Number.NaN, 7: Number.NaN }), /SIM:B–SIM:C is NaN, not a finite number/],
      [matrix({ 5: Number.POSITIVE_INFINITY, 7: Number.POSITIVE_INFINITY }), /not a finite number/],
      [matrix({ 0: 0.5 }), /diagonal must be 1, got 0\.5 for SIM:A/],
      [matrix({ 4: 0 }), /diagonal must be 1, got 0 for SIM:B/],
      [[1, 0.2, 0.2, 1], /has 4 entries, expected 9/],
    ];
    for (const [correlation, reason] of cases) expectDenied({ symbols: three, volatility: vols, correlation }, reason);
  });

  it('denies when a volatility is negative or not a number, with or without correlations, or the counts differ', () => {
    for (const bad of [-0.02, Number.NaN, Number.NEGATIVE_INFINITY]) {
      expectDenied(
        { symbols: three, volatility: [0.02, bad, 0.02] },
        /the volatility of SIM:B is .+; a daily volatility must be a finite number >= 0/,
      );
      expectDenied(
        { symbols: three, volatility: [0.02, 0.02, bad], correlation: [1, 0, 0, 0, 1, 0, 0, 0, 1] },
        /the volatility of SIM:C/,
      );
    }
    expectDenied({ symbols: three, volatility: [0.02, 0.02] }, /2 volatilities for 3 instruments/);
  });

  it('names the unpriced instrument when it leaves an exposure limit without a value', () => {
    const unpriced = account([held('SIM:A', 100, 100), held('SIM:B', 10, Number.NaN)]);
    for (const kind of ['maxGrossExposure', 'maxNetExposure', 'maxLeverage'] as const) {
      const decision = check([{ kind, hard: 1e9 }], { symbol: 'SIM:A', quantity: 1 }, unpriced);
      expect(decision.denial?.message, kind).toMatch(
        /cannot be computed \(no price for SIM:B\), so it counts as beyond the hard limit/,
      );
    }
  });

  it('denies, saying so, when a held position has no price', () => {
    const unpriced = account([held('SIM:A', 100, 100), held('SIM:B', 10, Number.NaN)]);
    const decision = check(limits, { symbol: 'SIM:A', quantity: 1 }, unpriced, {
      var: { symbols: ['SIM:A', 'SIM:B'], volatility: [0.02, 0.02] },
    });
    expect(decision.denial?.message).toBe(
      'maxVar: resulting one-day 99 % VaR cannot be computed (no price for SIM:B), so it counts as beyond the hard limit 1,000,000,000',
    );
  });

  it('reports the same reasons when the positions are measured as held (checkPortfolio)', () => {
    const compiled = compileLimitSet({ limits, onHardBreach: 'deny' });
    const findings = checkPortfolio(book, compiled, {
      now: NOW,
      var: { symbols: three, volatility: vols, correlation: [1, 0.9, -0.9, 0.9, 1, 0.9, -0.9, 0.9, 1] },
    });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ limit: 'maxVar', level: 'hard', value: Number.NaN });
    expect(findings[0]!.message).toMatch(
      /^maxVar: one-day 99 % VaR cannot be computed \(the correlation matrix is not positive semi-definite: .+\), so it counts as beyond the hard limit/,
    );
    const negative = checkPortfolio(book, compiled, { now: NOW, var: { symbols: three, volatility: [0.02, -1, 0.02] } });
    expect(negative[0]!.message).toMatch(/cannot be computed \(the volatility of SIM:B is -1;/);
  });
});

describe('checkOrder: trading mode', () => {
  const cause: LimitFinding = {
    limit: 'maxDrawdown',
    level: 'hard',
    threshold: 0.1,
    value: 0.12,
    message: 'maxDrawdown: drawdown from peak equity 12 % exceeds hard limit 10 %',
  };

  it('reduce-only accepts only orders that bring a position closer to flat', () => {
    const state = account([held(AAPL, 100, 10)], { restriction: { mode: 'reduce-only', cause } });
    expect(verdict(check([], { side: 'sell', quantity: 100 }, state))).toBe('ok');
    expect(verdict(check([], { side: 'sell', quantity: 101 }, state))).toBe('deny');
    const denial = check([], { quantity: 1 }, state).denial!;
    expect(denial).toMatchObject({ limit: 'maxDrawdown', level: 'hard', threshold: 0.1, value: 0.12 });
    expect(denial.message).toBe(
      'maxDrawdown: reduce-only after a hard breach (maxDrawdown: drawdown from peak equity 12 % exceeds hard limit 10 %); buy 1 SIM:AAPL does not bring the position (100 with open orders) closer to flat',
    );
    // Order limits still apply to reducing orders.
    expect(verdict(check([{ kind: 'maxOrderQuantity', hard: 50 }], { side: 'sell', quantity: 100 }, state))).toBe('deny');
  });

  it('halted denies every order', () => {
    const state = account([held(AAPL, 100, 10)], { restriction: { mode: 'halted', cause } });
    expect(check([], { side: 'sell', quantity: 100 }, state).denial?.message).toBe(
      'maxDrawdown: trading is halted after a hard breach (maxDrawdown: drawdown from peak equity 12 % exceeds hard limit 10 %); no orders are accepted',
    );
  });
});

describe('checkOrder: many limits', () => {
  it('reports every warning and every hard finding, the first as the denial', () => {
    const limits: Limit[] = [
      { kind: 'maxOrderQuantity', warn: 10, hard: 1_000 },
      { kind: 'maxOrderNotional', warn: 100, hard: 100_000 },
      { kind: 'maxPosition', hard: 15 },
      { kind: 'maxGrossExposure', warn: 1, hard: 2 },
    ];
    const decision = check(limits, { quantity: 20 }, account([held(AAPL, 0, 10)]));
    expect(decision.accepted).toBe(false);
    expect(decision.warnings.map((warning) => warning.limit)).toEqual(['maxOrderQuantity', 'maxOrderNotional']);
    expect(decision.denial?.limit).toBe('maxPosition');
    expect(decision.denials?.map((denial) => denial.limit)).toEqual(['maxPosition', 'maxGrossExposure']);
  });

  it('lists every limit an order breaks, the instrument and hours ones included, and warnings after the first denial', () => {
    const limits: Limit[] = [
      { kind: 'allowedInstruments', symbols: ['SIM:MSFT'] },
      { kind: 'tradingHours', timeZone: 'America/New_York', start: '09:30', end: '16:00' },
      { kind: 'maxOrderQuantity', hard: 10 },
      { kind: 'maxLeverage', warn: 0.01, hard: 100 },
    ];
    // Saturday 11:00 in New York: outside the hours. AAPL is not allowed, and 20 is over the order quantity.
    const saturday = Date.UTC(2024, 2, 16, 15, 0);
    const decision = check(limits, { quantity: 20 }, account([held(AAPL, 0, 10), held('SIM:MSFT', 100, 100)]), {
      now: saturday,
    });
    expect(decision.accepted).toBe(false);
    expect(decision.denials?.map((denial) => [denial.limit, denial.level])).toEqual([
      ['allowedInstruments', 'hard'],
      ['tradingHours', 'hard'],
      ['maxOrderQuantity', 'hard'],
    ]);
    expect(decision.denial).toBe(decision.denials?.[0]);
    // Leverage goes from 0.1 to 0.102: over warn 0.01, a warning even though the order is denied anyway.
    expect(decision.warnings.map((warning) => warning.limit)).toEqual(['maxLeverage']);
  });

  it('accepts with no denials listed when no hard threshold is crossed', () => {
    const decision = check([{ kind: 'maxOrderQuantity', warn: 5, hard: 10 }], { quantity: 6 });
    expect(decision).toMatchObject({ accepted: true });
    expect(decision.denials).toBeUndefined();
    expect(decision.denial).toBeUndefined();
  });
});
