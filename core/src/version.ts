import { readFileSync } from 'node:fs';

/** This core's version, which plugin `engine` ranges are checked against. */
export const CORE_VERSION: string = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
