import { describe, expect, it } from 'vitest';
import { LIMIT_KIND_INFO, limitMessage, limitName } from './limit-kinds.ts';

describe('limit names', () => {
  it('shows a limit by its name, not its code', () => {
    expect(limitName('maxOrderNotional')).toBe('Max order notional');
    expect(LIMIT_KIND_INFO.maxOrderNotional.label).toBe('Max order notional');
    expect(limitName('summary')).toBe('Findings not stored one by one');
    expect(limitName('maxFuture')).toBe('maxFuture');
  });

  it('drops the leading code of a finding and names any other limit it mentions', () => {
    expect(
      limitMessage('maxGrossExposure', 'maxGrossExposure: resulting gross exposure 2,000,000 exceeds hard limit 1,000,000'),
    ).toBe('resulting gross exposure 2,000,000 exceeds hard limit 1,000,000');
    expect(limitMessage('maxPosition', 'maxPosition: reduce-only after a hard breach (maxDailyLoss: loss 5 > 4)')).toBe(
      'reduce-only after a hard breach (Max daily loss: loss 5 > 4)',
    );
    expect(limitMessage('maxLeverage', 'leverage 3 exceeds 2')).toBe('leverage 3 exceeds 2');
  });
});
