import { describe, expect, it } from 'vitest';
import { BollingerIndicator } from './bollinger.ts';
import { feedCloses } from './indicators-test-helpers.ts';

describe('BollingerIndicator', () => {
  it('uses the population standard deviation (2, 4, 4, 4, 5, 5, 7, 9 has mean 5 and σ 2)', () => {
    const bands = new BollingerIndicator(8, 2);
    feedCloses(bands, [2, 4, 4, 4, 5, 5, 7, 9]);
    expect([bands.lower, bands.middle, bands.upper]).toEqual([1, 5, 9]);
    // Slide in 10: window 4, 4, 4, 5, 5, 7, 9, 10, mean 6, squared deviations sum to 40, σ = √5.
    feedCloses(bands, [10]);
    expect(bands.middle).toBeCloseTo(6, 12);
    expect(bands.upper).toBeCloseTo(6 + 2 * Math.sqrt(5), 12);
    expect(bands.lower).toBeCloseTo(6 - 2 * Math.sqrt(5), 12);
  });

  it('keeps the deviation accurate at high prices', () => {
    const bands = new BollingerIndicator(8, 1);
    feedCloses(
      bands,
      [2, 4, 4, 4, 5, 5, 7, 9].map((close) => close + 1e7),
    );
    expect(bands.upper! - bands.middle!).toBeCloseTo(2, 6);
  });

  it('is undefined during the warm-up', () => {
    const bands = new BollingerIndicator(3, 2);
    feedCloses(bands, [1, 2]);
    expect([bands.value, bands.upper, bands.lower]).toEqual([undefined, undefined, undefined]);
  });
});
