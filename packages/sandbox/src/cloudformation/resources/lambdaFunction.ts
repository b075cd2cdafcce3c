import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  PutFunctionConcurrencyCommand,
  waitUntilFunctionActiveV2,
  type CreateFunctionCommandInput,
} from '@aws-sdk/client-lambda';
import { zipSync } from 'fflate';
import { physicalName, tagMap, type ResourceContext, type ResourceHandler } from './resourceHandler.js';

/**
 * AWS::Lambda::Function through the sandbox's Lambda. Code: `ZipFile`
 * (inline source, packaged as `index.js` as CloudFormation does for Node.js) or
 * `S3Bucket`/`S3Key` read from the sandbox's S3 or local CDK assets. Ref is the
 * function name; attribute Arn. An update re-creates the function under the
 * same name (the sandbox's Lambda has no UpdateFunctionCode/Configuration).
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-function.html
 */
export const lambdaFunction: ResourceHandler = {
  replacingProperties: ['FunctionName', 'PackageType'],

  async create(properties, context) {
    return createFunction(
      (properties.FunctionName as string | undefined) ?? physicalName(context, 64),
      properties,
      context,
    );
  },

  async update(current, properties, _previous, context) {
    await context.clients.lambda.send(new DeleteFunctionCommand({ FunctionName: current.physicalId }));
    return createFunction(current.physicalId, properties, context);
  },

  async delete(current, _properties, context) {
    await context.clients.lambda.send(new DeleteFunctionCommand({ FunctionName: current.physicalId }));
  },
};

async function createFunction(FunctionName: string, properties: Record<string, unknown>, context: ResourceContext) {
  const created = await context.clients.lambda.send(
    new CreateFunctionCommand({
      FunctionName,
      Code: { ZipFile: await codeOf(properties.Code as Record<string, unknown> | undefined, context) },
      Runtime: properties.Runtime,
      Handler: properties.Handler,
      Role: properties.Role,
      Description: properties.Description,
      Timeout: properties.Timeout === undefined ? undefined : Number(properties.Timeout),
      MemorySize: properties.MemorySize === undefined ? undefined : Number(properties.MemorySize),
      Environment: properties.Environment,
      Architectures: properties.Architectures,
      PackageType: properties.PackageType,
      Tags: tagMap(properties.Tags),
    } as CreateFunctionCommandInput),
  );
  await waitUntilFunctionActiveV2({ client: context.clients.lambda, maxWaitTime: 300, minDelay: 1 }, { FunctionName });
  if (properties.ReservedConcurrentExecutions !== undefined) {
    await context.clients.lambda.send(
      new PutFunctionConcurrencyCommand({
        FunctionName,
        ReservedConcurrentExecutions: Number(properties.ReservedConcurrentExecutions),
      }),
    );
  }
  return { physicalId: FunctionName, attributes: { Arn: created.FunctionArn } };
}

async function codeOf(code: Record<string, unknown> | undefined, context: ResourceContext): Promise<Uint8Array> {
  if (typeof code?.ZipFile === 'string') return zipSync({ 'index.js': Buffer.from(code.ZipFile) });
  if (typeof code?.S3Bucket === 'string' && typeof code.S3Key === 'string') {
    return context.assets.read(code.S3Bucket, code.S3Key, context.clients.s3);
  }
  throw new Error(
    `Properties validation failed for resource ${context.logicalId}: Code needs ZipFile or S3Bucket and S3Key (the sandbox runs no container images).`,
  );
}
