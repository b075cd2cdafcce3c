import { mkdtempSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

/** The worker's bundle: a directory holding `index.mjs` (handler `index.handler`), and that file's size. */
export interface WorkerBundle {
  readonly directory: string;
  readonly bytes: number;
}

/** The file name and handler the Lambda function is configured with. */
export const WORKER_HANDLER = 'index.handler';

const here = fileURLToPath(import.meta.url);
/** Run from its TypeScript source (tests, development), this package bundles the sources of the workspace. */
const fromSource = here.endsWith('.ts');
const packageDirectory = path.dirname(createRequire(import.meta.url).resolve('@dynamo-dr/cdk/package.json'));
let bundle: WorkerBundle | undefined;

/**
 * Bundles the worker (`@dynamo-dr/cdk/worker`: core's workflow handler and what it imports) with esbuild, at
 * synth time, on this machine: no Docker, no download. Every dependency is inlined (the AWS SDK too: the
 * bundle does not depend on the SDK version of the Lambda runtime). ESM as AWS CDK's NodejsFunction makes
 * it: the SDK's ES module builds, and a `require` for the CommonJS modules some of its packages still ship.
 * Once per process: every table's function shares the one asset.
 *
 * @example
 * const { directory, bytes } = workerBundle();
 * new lambda.Function(this, 'Worker', { code: lambda.Code.fromAsset(directory), handler: WORKER_HANDLER, ... });
 */
export function workerBundle(): WorkerBundle {
  if (bundle) return bundle;
  const directory = mkdtempSync(path.join(tmpdir(), 'dynamo-dr-worker-'));
  const outfile = path.join(directory, 'index.mjs');
  buildSync({
    // The comments naming each module are relative to this directory: the same wherever synth runs.
    absWorkingDir: packageDirectory,
    stdin: {
      contents: "export { handler } from '@dynamo-dr/cdk/worker';",
      resolveDir: packageDirectory,
      loader: 'js',
    },
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    // Node 22 is the Lambda runtime the construct configures (nodejs22.x).
    target: 'node22',
    mainFields: ['module', 'main'],
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    conditions: fromSource ? ['@dynamo-dr/source'] : [],
    // Error names are what Step Functions matches (`NotReadyError` in a Retry): never mangled.
    keepNames: true,
    // The bundle's content alone decides the asset hash: no absolute paths, no timestamps.
    legalComments: 'none',
    logLevel: 'silent',
  });
  bundle = { directory, bytes: statSync(outfile).size };
  return bundle;
}
