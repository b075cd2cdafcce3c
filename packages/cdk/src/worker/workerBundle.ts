import { mkdtempSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync, type BuildOptions } from 'esbuild';

/**
 * The Lambda code of the construct, one asset: a directory holding the worker's `index.mjs` (handler
 * `index.handler`) and the backup monitor's `monitor.mjs` (handler `monitor.handler`), and the worker's size.
 */
export interface WorkerBundle {
  readonly directory: string;
  readonly bytes: number;
}

/** The file name and handler the Lambda function is configured with. */
export const WORKER_HANDLER = 'index.handler';
/** The handler of the backup monitor (`@dynamo-dr/core/monitor`), in the same directory. */
export const MONITOR_HANDLER = 'monitor.handler';

/** What each file of the bundle exports as `handler`. */
const ENTRIES = {
  'index.mjs': "export { handler } from '@dynamo-dr/cdk/worker';",
  'monitor.mjs': "export { monitorLambdaHandler as handler } from '@dynamo-dr/core/monitor';",
} as const;

const here = fileURLToPath(import.meta.url);
/** Run from its TypeScript source (tests, development), this package bundles the sources of the workspace. */
const fromSource = here.endsWith('.ts');
const packageDirectory = path.dirname(createRequire(import.meta.url).resolve('@dynamo-dr/cdk/package.json'));
let bundle: WorkerBundle | undefined;

/**
 * How a Lambda function's bundle is built (the worker's, and `scripts/lambdaBundle.ts`'s of core's entry): every
 * dependency inlined (the AWS SDK too: the bundle does not depend on the SDK version of the Lambda runtime), ESM
 * as AWS CDK's NodejsFunction makes it (the SDK's ES module builds, and a `require` for the CommonJS modules some
 * of its packages still ship), error names kept (Step Functions matches them: `NotReadyError` in a Retry).
 */
export const LAMBDA_BUNDLE_OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  mainFields: ['module', 'main'],
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  keepNames: true,
  legalComments: 'none',
  logLevel: 'silent',
} as const satisfies BuildOptions;

/**
 * Bundles the worker (`@dynamo-dr/cdk/worker`: core's workflow handler and what it imports) and the backup monitor
 * (`@dynamo-dr/core/monitor`) with esbuild, at synth time, on this machine: no Docker, no download. Once per
 * process: every function of the construct shares the one asset (a template from `dynamo-dr synth` has
 * parameters for one code object only).
 *
 * @example
 * const { directory, bytes } = workerBundle();
 * new lambda.Function(this, 'Worker', { code: lambda.Code.fromAsset(directory), handler: WORKER_HANDLER, ... });
 */
export function workerBundle(): WorkerBundle {
  if (bundle) return bundle;
  const directory = mkdtempSync(path.join(tmpdir(), 'dynamo-dr-worker-'));
  for (const [file, contents] of Object.entries(ENTRIES)) {
    buildSync({
      ...LAMBDA_BUNDLE_OPTIONS,
      // The comments naming each module are relative to this directory: the same wherever synth runs.
      absWorkingDir: packageDirectory,
      stdin: { contents, resolveDir: packageDirectory, loader: 'js' },
      outfile: path.join(directory, file),
      // Node 22 is the Lambda runtime the construct configures (nodejs22.x).
      target: 'node22',
      conditions: fromSource ? ['@dynamo-dr/source'] : [],
    });
  }
  bundle = { directory, bytes: statSync(path.join(directory, 'index.mjs')).size };
  return bundle;
}
