import { randomUUID } from 'node:crypto';
import type { CodeSource } from '../code/functionCode.js';
import { conflict, validation } from '../lambdaError.js';
import { functionArn, functionNameOf } from '../lambdaStore.js';
import type { LambdaAction } from '../service.js';
import { functionSettings } from './functionSettings.js';
import { stringMap } from './stringMap.js';

/**
 * CreateFunction: checks the settings, installs the deployment package (Code.ZipFile, Code.S3Bucket/S3Key,
 * or the sandbox's local code bucket), and answers 201 with the function's configuration, `State: Active`
 * (the sandbox is ready at once). Nothing is created when any of it is refused.
 * https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html
 */
export const createFunction: LambdaAction = async ({ body, region }, store, runtime) => {
  const reference = body.FunctionName;
  if (typeof reference !== 'string') throw validation('functionName', undefined, 'Member must not be null');
  const name = functionNameOf(reference);
  if (!body.Code || typeof body.Code !== 'object') throw validation('code', undefined, 'Member must not be null');
  const settings = functionSettings(body, runtime, true);
  const tags = stringMap(body.Tags, 'tags');
  const functions = store.region(region).functions;
  if (functions[name]) throw conflict(`Function already exist: ${name}`);
  const code = await runtime.code.install(region, name, body.Code as CodeSource);
  if (functions[name]) {
    await runtime.code.remove(code);
    throw conflict(`Function already exist: ${name}`);
  }
  functions[name] = {
    configuration: {
      FunctionName: name,
      FunctionArn: functionArn(region, name),
      Description: '',
      Timeout: 3,
      MemorySize: 128,
      ...settings,
      CodeSize: code.CodeSize,
      CodeSha256: code.CodeSha256,
      LastModified: lastModified(),
      Version: '$LATEST',
      RevisionId: randomUUID(),
      State: 'Active',
      LastUpdateStatus: 'Successful',
      PackageType: 'Zip',
      Architectures: body.Architectures ?? ['x86_64'],
      EphemeralStorage: { Size: 512 },
      TracingConfig: { Mode: 'PassThrough' },
      LoggingConfig: { LogFormat: 'Text', LogGroup: `/aws/lambda/${name}` },
    },
    code,
    tags,
  };
  store.save();
  return { status: 201, body: functions[name].configuration };
};

/** Lambda's LastModified format: ISO 8601 with `+0000`. */
export const lastModified = () => new Date().toISOString().replace('Z', '+0000');
