import type { ApiProblem } from '../api/api-error.ts';

/** What to do next about a failed risk calculation, by error code; undefined when the message says it all. */
export function riskNextStep(problem: ApiProblem): string | undefined {
  switch (problem.code) {
    case 'INSUFFICIENT_DATA':
      return 'Increase the lookback (or lower the confidence), or pick instruments with a longer price history.';
    case 'NOT_POSITIVE_DEFINITE':
      return 'Two instruments move (almost) exactly together or one never moves: remove one of them, or lengthen the lookback.';
    case 'VALIDATION':
      return problem.fields.some((field) => field.path.startsWith('positions'))
        ? 'Add positions to the portfolio and save it.'
        : undefined;
    case 'NOT_FOUND':
      return typeof problem.details?.kernel === 'string'
        ? 'Ask an admin to install and enable the plugin that provides it; the other methods still work.'
        : undefined;
    case 'COMPUTE_UNAVAILABLE':
      return 'Use the CPU backend, or ask an admin to enable WebGPU on the server.';
    case 'DATA_SOURCE_ERROR':
    case 'PLUGIN_FAILED':
    case 'PLUGIN_TIMEOUT':
      return "Check the portfolio's data source and the plugin's status, then try again.";
    case 'NETWORK':
    case 'INTERNAL':
      return 'Try again in a moment.';
    default:
      return undefined;
  }
}
