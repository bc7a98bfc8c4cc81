export { type ApiErrorBody, type FieldIssue, NautilusApiError } from './api-error.ts';
export { BacktestFailedError, type BacktestRun, type WaitOptions } from './backtest-runs.ts';
export { createClient, type NautilusClient } from './create-client.ts';
export type { EventOf, InputOf, OutputOf, ProcedurePath, SubscriptionPath } from './procedures.ts';
export type { CallOptions, ClientOptions, Transport } from './transport.ts';
