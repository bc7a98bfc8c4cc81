import type { RiskAlert } from '../risk/risk-api.ts';

export type AlertEvent = 'warning' | 'denial' | 'breach';

/**
 * What an alert records: a denied order, a warning, or a breach at a bar's close, as core stores it in
 * `details.event`; an alert without it reads by its level (hard: breach, warn: warning).
 * @example alertEvent({ level: 'hard', details: { event: 'denial' } }) // 'denial'
 */
export function alertEvent(alert: Pick<RiskAlert, 'level' | 'details'>): AlertEvent {
  const event = alert.details.event;
  if (event === 'warning' || event === 'denial' || event === 'breach') return event;
  return alert.level === 'hard' ? 'breach' : 'warning';
}
