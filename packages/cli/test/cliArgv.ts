import { fileURLToPath } from 'node:url';
import { SOURCE_NODE_ARGS } from '../../../scripts/sourceRun.js';

const BIN = fileURLToPath(new URL('../bin/dynamo-dr.js', import.meta.url));

/**
 * The `node` arguments of `dynamo-dr <args>` run from source: the CLI's bin resolves `#bin` to src/bin.ts and
 * every workspace package to its src/, so a test never runs a build that may be stale. The built CLI is
 * checked by scripts/check-pack.ts.
 */
export function cliArgv(...args: readonly string[]): string[] {
  return [...SOURCE_NODE_ARGS, BIN, ...args];
}
