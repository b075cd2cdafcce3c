import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/**
 * The export condition under which every workspace package resolves to its TypeScript sources (`src/*.ts`)
 * instead of its build (`dist/`): each `exports` entry (and the CLI's `#bin` import) names it first. The
 * root tsconfig.json (`customConditions`) and vitest.config.ts (`resolve.conditions`) set it too.
 */
export const SOURCE_CONDITION = '@dynamo-dr/source';

/**
 * Node flags that run the workspace from source in a child process: the source condition, and tsx's loader
 * by absolute URL, so that a child started in another directory (a test's temporary one) still finds it.
 *
 * @example
 * spawn(process.execPath, [...SOURCE_NODE_ARGS, 'packages/cli/bin/dynamo-dr.js', '--help']);
 */
export const SOURCE_NODE_ARGS: readonly string[] = [
  `--conditions=${SOURCE_CONDITION}`,
  `--import=${pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href}`,
];
