import type { FieldIssue } from '@nautilus/sdk';

/**
 * Which plugin serves each role core relies on. This is configuration, not code: a third-party
 * plugin replaces a first-party one by being named here (NAUTILUS_RISK_PLUGIN, …), and this file is
 * the only place in core that names first-party plugins, as defaults.
 */
export interface PluginRoles {
  /** The plugin whose risk models (`<id>/historical`, …) and `scenarios` stress test the risk views use. */
  riskPlugin: string;
  /** The compute kernel (`<plugin>/<kernel>`) that estimates covariance matrices. */
  covarianceKernel: string;
  /** The bars source used when a request names none, and for simulated (`SIM:`) instruments. */
  defaultBars: string;
  /** Providers' bars sources, in fallback order, for every other instrument when no chain is saved. */
  providerBars: string[];
}

export const DEFAULT_ROLES: PluginRoles = {
  riskPlugin: 'nautilus.risk-core',
  covarianceKernel: 'nautilus.compute-webgpu/covariance',
  defaultBars: 'nautilus.sim-market/bars',
  providerBars: ['nautilus.yahoo/bars', 'nautilus.alpha-vantage/bars'],
};

const PLUGIN_ID = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;
const REF = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+\/[a-z][a-z0-9-]*$/;

/** The roles from the environment, each checked; a bad one is reported with its variable. */
export function readPluginRoles(env: Record<string, string | undefined>, issues: FieldIssue[]): PluginRoles {
  const one = (name: string, fallback: string, pattern: RegExp, expected: string) => {
    const value = env[name]?.trim() || fallback;
    if (!pattern.test(value)) issues.push({ path: name, message: `expected ${expected}, got '${value}'` });
    return value;
  };
  const providers = env.NAUTILUS_PROVIDER_BARS?.split(',')
    .map((ref) => ref.trim())
    .filter(Boolean);
  for (const ref of providers ?? []) {
    if (!REF.test(ref))
      issues.push({ path: 'NAUTILUS_PROVIDER_BARS', message: `expected <pluginId>/<source> refs, got '${ref}'` });
  }
  return {
    riskPlugin: one('NAUTILUS_RISK_PLUGIN', DEFAULT_ROLES.riskPlugin, PLUGIN_ID, 'a plugin id such as acme.risk'),
    covarianceKernel: one('NAUTILUS_COVARIANCE_KERNEL', DEFAULT_ROLES.covarianceKernel, REF, '<pluginId>/<kernel>'),
    defaultBars: one('NAUTILUS_DEFAULT_BARS', DEFAULT_ROLES.defaultBars, REF, '<pluginId>/<source>'),
    providerBars: providers ?? DEFAULT_ROLES.providerBars,
  };
}
