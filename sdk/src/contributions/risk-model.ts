/** What a risk model declares in its plugin's manifest. */
export interface RiskModelDescriptor {
  id: string;
  name: string;
  description?: string;
  /** Measures the model reports, e.g. ['VaR', 'ES']. */
  measures: string[];
}

export interface RiskPosition {
  symbol: string;
  quantity: number;
  price: number;
}

export interface RiskRequest {
  positions: RiskPosition[];
  /** Simple returns per symbol, aligned by index (oldest first). */
  returns: Record<string, number[]>;
  confidence: number;
  horizonDays: number;
  options?: Record<string, unknown>;
}

export interface RiskResult {
  /** Positive money amounts per measure, e.g. `{ VaR: 1250.4, ES: 1610.2 }`. */
  measures: Record<string, number>;
  perPosition?: Record<string, Record<string, number>>;
  notes?: string[];
}

/** The implementation a plugin's setup returns for a declared risk model. */
export interface RiskModel {
  compute(request: RiskRequest, signal: AbortSignal): Promise<RiskResult>;
}
