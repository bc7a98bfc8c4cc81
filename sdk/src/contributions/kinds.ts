/**
 * The one table of server-side contribution kinds: for each key of `PluginContributions`, the method
 * an implementation must have and the optional ones. The host checks contributions, and forwards
 * calls into an isolated plugin's process, from this table alone, so adding a kind is a new sdk
 * file for its types plus one entry here.
 */
export const CONTRIBUTION_KINDS = {
  dataSources: { label: 'data source', required: 'query', optional: ['stream'] },
  riskModels: { label: 'risk model', required: 'compute', optional: ['backtest'] },
  stressTests: { label: 'stress test', required: 'run', optional: [] },
  computeKernels: { label: 'compute kernel', required: 'cpu', optional: [] },
} as const satisfies Record<string, { label: string; required: string; optional: readonly string[] }>;

export type ContributionKind = keyof typeof CONTRIBUTION_KINDS;
