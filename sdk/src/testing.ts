/**
 * A test kit for plugin authors (`@nautilus/sdk/testing`), framework-agnostic (vitest, node:test,
 * jest): the `ctx` a plugin's setup receives, a helper that expects a NautilusError, the data-source
 * contract the host holds a plugin to, and the manifest and JSON Schema checks it uses.
 */
export { caughtError } from './testing/caught-error.ts';
export {
  ContractError,
  checkDataSourceContract,
  type DataSourceContractOptions,
  type DataSourceContractResult,
} from './testing/data-source-contract.ts';
export { manifestIssues } from './testing/manifest-issues.ts';
export { pluginTestContext, type TestContextOptions } from './testing/plugin-test-context.ts';
export { schemaIssues } from './testing/schema-issues.ts';
