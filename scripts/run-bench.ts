// `npm run bench`: every package's benchmark, one after another so they do not compete for the 2 cores.
import { spawnSync } from 'node:child_process';

const result = spawnSync('pnpm', ['-r', '--workspace-concurrency=1', '--if-present', 'run', 'bench'], { stdio: 'inherit' });
process.exit(result.status ?? 1);
