import type { FieldIssue, RiskPosition } from '@nautilus/sdk';
import { shown } from './field-error.ts';

/** Collects the problems of a request's `positions` and `prices` fields (a zero quantity is allowed). */
export function checkPositions(positions: readonly RiskPosition[], prices: unknown, issues: FieldIssue[]): void {
  if (!Array.isArray(positions) || positions.length === 0) {
    issues.push({ path: 'positions', message: `must be a non-empty array of positions, got ${shown(positions)}` });
  } else {
    positions.forEach((position, i) => {
      const path = `positions[${i}]`;
      if (position === null || typeof position !== 'object') {
        issues.push({ path, message: `must be an object with symbol and quantity, got ${shown(position)}` });
        return;
      }
      const { symbol, quantity, price, assetClass } = position;
      if (typeof symbol !== 'string' || symbol === '') {
        issues.push({ path: `${path}.symbol`, message: `must be a non-empty string, got ${shown(symbol)}` });
      }
      if (typeof quantity !== 'number' || !Number.isFinite(quantity)) {
        issues.push({ path: `${path}.quantity`, message: `must be a finite number (negative = short), got ${shown(quantity)}` });
      }
      if (price !== undefined && (typeof price !== 'number' || !Number.isFinite(price) || price <= 0)) {
        issues.push({ path: `${path}.price`, message: `must be a positive finite price when given, got ${shown(price)}` });
      }
      if (assetClass !== undefined && typeof assetClass !== 'string') {
        issues.push({ path: `${path}.assetClass`, message: `must be a string when given, got ${shown(assetClass)}` });
      }
    });
  }
  if (prices === null || typeof prices !== 'object' || Array.isArray(prices)) {
    issues.push({ path: 'prices', message: `must be an object of price series by symbol, got ${shown(prices)}` });
  }
}
