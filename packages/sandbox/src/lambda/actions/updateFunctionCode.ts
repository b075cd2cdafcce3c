import { randomUUID } from 'node:crypto';
import type { CodeSource } from '../code/functionCode.js';
import { invalidParameter } from '../lambdaError.js';
import type { LambdaAction } from '../service.js';
import { lastModified } from './createFunction.js';
import { revisionGuard } from './revisionGuard.js';

/**
 * UpdateFunctionCode: installs the new package (ZipFile, S3Bucket/S3Key, or the local code bucket) and
 * answers the configuration with `LastUpdateStatus: Successful` (the sandbox settles at once, so waiters
 * such as FunctionUpdatedV2 pass at their first poll). Warm environments are not reused after it; `DryRun`
 * checks and changes nothing. `Publish` is refused: the sandbox keeps `$LATEST` only.
 * https://docs.aws.amazon.com/lambda/latest/api/API_UpdateFunctionCode.html
 */
export const updateFunctionCode: LambdaAction = async ({ labels, body, region }, store, runtime) => {
  const fn = store.findFunction(region, labels[0] ?? '');
  revisionGuard(fn, body.RevisionId);
  if (body.Publish === true)
    throw invalidParameter('The dynamo-dr sandbox does not publish versions; update $LATEST without Publish.');
  const code = await runtime.code.install(region, fn.configuration.FunctionName, body as CodeSource);
  if (body.DryRun === true) {
    await runtime.code.remove(code);
    return { status: 200, body: { ...fn.configuration, CodeSha256: code.CodeSha256, CodeSize: code.CodeSize } };
  }
  const previous = fn.code;
  fn.code = code;
  fn.configuration = {
    ...fn.configuration,
    CodeSha256: code.CodeSha256,
    CodeSize: code.CodeSize,
    LastModified: lastModified(),
    RevisionId: randomUUID(),
    ...(body.Architectures ? { Architectures: body.Architectures } : {}),
  };
  store.save();
  runtime.retire(region, fn.configuration.FunctionName);
  await runtime.code.remove(previous);
  return { status: 200, body: fn.configuration };
};
