export type { AppRouter, NautilusErrorShape } from './api/router.ts';
export { type Config, loadConfig } from './config.ts';
export { type Database, openDatabase } from './db/database.ts';
export { PluginHost, type PluginStatus } from './plugins/plugin-host.ts';
export { loadPlugins, type NautilusServer, startServer } from './server.ts';
export { CORE_VERSION } from './version.ts';
