import { build, type Metafile } from 'esbuild';

/** The handler file a deployment bundles, as workflowLambdaHandler's TSDoc shows it. */
const HANDLER_SOURCE = "export { workflowLambdaHandler as handler } from '@dynamo-dr/core/lambda';";

/** The monitor's handler file, as monitorLambdaHandler's TSDoc shows it. */
export const MONITOR_HANDLER_SOURCE = "export { monitorLambdaHandler as handler } from '@dynamo-dr/core/monitor';";

/** Files a Lambda bundle must not hold: the sandbox, the CLI, a local Step Functions interpreter and their kin. */
const NOT_FOR_LAMBDA =
  /packages\/(sandbox|cli)\/|node_modules\/(@dynamo-dr\/sandbox|dynamo-dr|aws-local-stepfunctions|asl-validator|dynalite|commander|@inquirer)\//;

/**
 * Bundles `@dynamo-dr/core/lambda` (or the `handlerSource` given, e.g. {@link MONITOR_HANDLER_SOURCE}) into `outfile` as a Lambda deployment does (esbuild, every dependency
 * inlined, ESM as AWS CDK's NodejsFunction makes it: the SDK's ES module builds, and a `require` for the
 * CommonJS modules some of its packages still ship), resolving from `resolveDir` under `conditions`.
 * Returns the bundle's input files.
 *
 * @example
 * const inputs = await bundleLambdaEntry({ resolveDir: app, outfile: 'lambda/handler.mjs' });
 */
export async function bundleLambdaEntry(options: {
  readonly resolveDir: string;
  readonly outfile: string;
  readonly conditions?: string[];
  readonly handlerSource?: string;
}): Promise<string[]> {
  const result = await build({
    stdin: { contents: options.handlerSource ?? HANDLER_SOURCE, resolveDir: options.resolveDir, loader: 'ts' },
    outfile: options.outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    mainFields: ['module', 'main'],
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    conditions: options.conditions,
    metafile: true,
    logLevel: 'silent',
  });
  return Object.keys((result.metafile as Metafile).inputs);
}

/** The inputs of a Lambda bundle that have no place in one. */
export function inputsNotForLambda(inputs: readonly string[]): string[] {
  return inputs.filter((input) => NOT_FOR_LAMBDA.test(input));
}
