import { createHash, randomUUID } from 'node:crypto';
import { conflict, invalidParameter, validation } from '../lambdaError.js';
import { functionArn, functionNameOf } from '../lambdaStore.js';
import type { LambdaAction } from '../service.js';
import { stringMap } from './stringMap.js';

// https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html#API_CreateFunction_RequestSyntax (Role)
const ROLE_ARN = /^arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/;

/**
 * CreateFunction, metadata only: the code is not kept and never runs. Answers
 * 201 with the function's configuration, as AWS does.
 * https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html
 */
export const createFunction: LambdaAction = ({ body, region }, store) => {
  const reference = body.FunctionName;
  if (typeof reference !== 'string') throw validation('functionName', undefined, 'Member must not be null');
  const name = functionNameOf(reference);
  if (typeof body.Role !== 'string' || !ROLE_ARN.test(body.Role)) {
    throw validation('role', body.Role, `Member must satisfy regular expression pattern: ${ROLE_ARN.source}`);
  }
  if (!body.Code || typeof body.Code !== 'object') throw validation('code', undefined, 'Member must not be null');
  const packageType = body.PackageType ?? 'Zip';
  if (packageType === 'Zip' && (typeof body.Runtime !== 'string' || typeof body.Handler !== 'string')) {
    throw invalidParameter('Runtime and Handler are mandatory parameters for functions created with Zip packages.');
  }
  const functions = store.region(region).functions;
  const arn = functionArn(region, name);
  if (functions[name]) throw conflict(`Function already exist: ${name}`);
  const code = Buffer.from(String((body.Code as Record<string, unknown>).ZipFile ?? ''), 'base64');
  functions[name] = {
    configuration: {
      FunctionName: name,
      FunctionArn: arn,
      Runtime: body.Runtime,
      Role: body.Role,
      Handler: body.Handler,
      CodeSize: code.length,
      CodeSha256: createHash('sha256').update(code).digest('base64'),
      Description: body.Description ?? '',
      Timeout: body.Timeout ?? 3,
      MemorySize: body.MemorySize ?? 128,
      LastModified: new Date().toISOString().replace('Z', '+0000'),
      Version: '$LATEST',
      RevisionId: randomUUID(),
      State: 'Active',
      LastUpdateStatus: 'Successful',
      PackageType: packageType,
      Architectures: body.Architectures ?? ['x86_64'],
      EphemeralStorage: { Size: 512 },
      TracingConfig: { Mode: 'PassThrough' },
    },
    tags: stringMap(body.Tags, 'tags'),
  };
  store.save();
  return { status: 201, body: functions[name].configuration };
};
