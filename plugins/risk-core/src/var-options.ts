import type { FieldIssue } from '@nautilus/sdk';
import { shown } from './field-error.ts';
import { percentText } from './percent-text.ts';
import { minimumObservations } from './tail-count.ts';
import type { VarSettings } from './var-settings.ts';

const MAX_PATHS = 10_000_000;
const CHOICES = {
  covariance: ['sample', 'ewma'],
  mean: ['sample', 'zero'],
  distribution: ['normal', 't'],
  horizonMethod: ['sqrt', 'overlapping'],
  backend: ['auto', 'cpu', 'webgpu'],
} as const;
const NUMERIC = ['lambda', 'degreesOfFreedom', 'paths', 'backtestPaths', 'seed'] as const;
const KNOWN = [...Object.keys(CHOICES), ...NUMERIC];

/** Reads `options` into `settings` (defaults already there), collecting a field issue per bad or unknown key. */
export function readOptions(options: unknown, settings: VarSettings, issues: FieldIssue[]): void {
  if (options === undefined) return;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    issues.push({ path: 'options', message: `must be an object when given, got ${shown(options)}` });
    return;
  }
  const given = options as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if (!KNOWN.includes(key))
      issues.push({ path: `options.${key}`, message: `is not an option of the risk-core models; known: ${KNOWN.join(', ')}` });
  }
  const choice = <K extends keyof typeof CHOICES>(key: K): (typeof CHOICES)[K][number] | undefined => {
    const value = given[key];
    if (value === undefined) return undefined;
    if ((CHOICES[key] as readonly unknown[]).includes(value)) return value as (typeof CHOICES)[K][number];
    issues.push({
      path: `options.${key}`,
      message: `must be one of ${CHOICES[key].map((c) => `'${c}'`).join(', ')}, got ${shown(value)}`,
    });
    return undefined;
  };
  const integer = (key: string, min: number, max: number, what: string): number | undefined => {
    const value = given[key];
    if (value === undefined) return undefined;
    if (Number.isInteger(value) && (value as number) >= min && (value as number) <= max) return value as number;
    issues.push({
      path: `options.${key}`,
      message: `must be ${what}, a whole number from ${min} to ${max}, got ${shown(value)}`,
    });
    return undefined;
  };

  settings.covariance = choice('covariance') ?? settings.covariance;
  settings.mean = choice('mean') ?? settings.mean;
  settings.horizonMethod = choice('horizonMethod') ?? settings.horizonMethod;
  settings.backend = choice('backend') ?? settings.backend;
  if (given.lambda !== undefined) {
    const lambda = given.lambda;
    if (typeof lambda === 'number' && lambda > 0 && lambda < 1) settings.lambda = lambda;
    else
      issues.push({
        path: 'options.lambda',
        message: `must be an EWMA decay strictly between 0 and 1 (RiskMetrics: 0.94), got ${shown(lambda)}`,
      });
  }
  const dof = integer('degreesOfFreedom', 3, 200, 'the Student-t degrees of freedom');
  if (choice('distribution') === 't') settings.distribution = { kind: 't', degreesOfFreedom: dof ?? 5 };
  settings.seed = integer('seed', 0, 0xffff_ffff, 'a 32-bit seed') ?? settings.seed;

  // At least 1000 paths, and enough for one whole path in the tail: 1/(1 - c).
  const validConfidence = settings.confidence > 0.5 && settings.confidence < 1;
  const minimumPaths = validConfidence ? Math.max(1000, minimumObservations(settings.confidence)) : 1000;
  const pathsWhat = validConfidence
    ? `a number of paths with a tail at ${percentText(settings.confidence)}`
    : 'a number of paths';
  settings.paths = integer('paths', minimumPaths, MAX_PATHS, pathsWhat) ?? Math.max(settings.paths, minimumPaths);
  settings.backtestPaths =
    integer('backtestPaths', minimumPaths, MAX_PATHS, pathsWhat) ?? Math.max(settings.backtestPaths, minimumPaths);
}
