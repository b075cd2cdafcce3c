import { build, type Metafile } from 'esbuild';
import { LAMBDA_BUNDLE_OPTIONS } from '../packages/cdk/src/worker/workerBundle.js';

/** The handler file a deployment bundles, as workflowLambdaHandler's TSDoc shows it. */
const HANDLER_SOURCE = "export { workflowLambdaHandler as handler } from '@dynamo-dr/core/lambda';";

/** The monitor's handler file, as monitorLambdaHandler's TSDoc shows it. */
export const MONITOR_HANDLER_SOURCE = "export { monitorLambdaHandler as handler } from '@dynamo-dr/core/monitor';";

/** Files a Lambda bundle must not hold: the sandbox, the CLI, a local Step Functions interpreter and their kin. */
const NOT_FOR_LAMBDA =
  /packages\/(sandbox|cli)\/|node_modules\/(@dynamo-dr\/sandbox|dynamo-dr|aws-local-stepfunctions|asl-validator|dynalite|commander|@inquirer)\//;

/**
 * Bundles `@dynamo-dr/core/lambda` (or the `handlerSource` given, e.g. {@link MONITOR_HANDLER_SOURCE}) into
 * `outfile` as a Lambda deployment does (`LAMBDA_BUNDLE_OPTIONS`, those of the construct's worker), for Node 20
 * as well, resolving from `resolveDir` under `conditions`.
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
    ...LAMBDA_BUNDLE_OPTIONS,
    outfile: options.outfile,
    target: 'node20',
    conditions: options.conditions,
    metafile: true,
  });
  return Object.keys((result.metafile as Metafile).inputs);
}

/** The inputs of a Lambda bundle that have no place in one. */
export function inputsNotForLambda(inputs: readonly string[]): string[] {
  return inputs.filter((input) => NOT_FOR_LAMBDA.test(input));
}
