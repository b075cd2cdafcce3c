import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  DeleteFunctionConcurrencyCommand,
  PutFunctionConcurrencyCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionActiveV2,
  waitUntilFunctionUpdatedV2,
  type CreateFunctionCommandInput,
  type UpdateFunctionConfigurationCommandInput,
} from '@aws-sdk/client-lambda';
import { zipPackage } from '../../lambda/code/zipPackage.js';
import { physicalName, tagMap, type ResourceContext, type ResourceHandler } from './resourceHandler.js';

/**
 * AWS::Lambda::Function through the sandbox's Lambda. Code: `ZipFile`
 * (inline source, packaged as `index.js` as CloudFormation does for Node.js) or
 * `S3Bucket`/`S3Key` read from the sandbox's S3 or local CDK assets. Ref is the
 * function name; attribute Arn. In place: UpdateFunctionCode when the code
 * changed, UpdateFunctionConfiguration for the rest, reserved concurrency.
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

  async update(current, properties, previous, context) {
    const FunctionName = current.physicalId;
    const changed = (field: string) => JSON.stringify(properties[field]) !== JSON.stringify(previous[field]);
    const lambda = context.clients.lambda;
    const settled = () =>
      waitUntilFunctionUpdatedV2({ client: lambda, maxWaitTime: 300, minDelay: 1 }, { FunctionName });
    if (changed('Code')) {
      await lambda.send(
        new UpdateFunctionCodeCommand({
          FunctionName,
          ZipFile: await codeOf(properties.Code as Record<string, unknown> | undefined, context),
        }),
      );
      await settled();
    }
    const configuration = ['Runtime', 'Handler', 'Role', 'Description', 'Timeout', 'MemorySize', 'Environment'];
    if (configuration.some(changed)) {
      await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName, ...configurationOf(properties) }));
      await settled();
    }
    if (changed('ReservedConcurrentExecutions')) {
      if (properties.ReservedConcurrentExecutions === undefined) {
        await lambda.send(new DeleteFunctionConcurrencyCommand({ FunctionName }));
      } else {
        await lambda.send(
          new PutFunctionConcurrencyCommand({
            FunctionName,
            ReservedConcurrentExecutions: Number(properties.ReservedConcurrentExecutions),
          }),
        );
      }
    }
    return current;
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
      ...configurationOf(properties),
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

/** The settings CreateFunction and UpdateFunctionConfiguration share. */
function configurationOf(
  properties: Record<string, unknown>,
): Omit<UpdateFunctionConfigurationCommandInput, 'FunctionName'> {
  const number = (value: unknown) => (value === undefined ? undefined : Number(value));
  return {
    Runtime: properties.Runtime,
    Handler: properties.Handler,
    Role: properties.Role,
    Description: properties.Description,
    Timeout: number(properties.Timeout),
    MemorySize: number(properties.MemorySize),
    Environment: properties.Environment,
  } as Omit<UpdateFunctionConfigurationCommandInput, 'FunctionName'>;
}

async function codeOf(code: Record<string, unknown> | undefined, context: ResourceContext): Promise<Uint8Array> {
  if (typeof code?.ZipFile === 'string') return zipPackage({ 'index.js': code.ZipFile });
  if (typeof code?.S3Bucket === 'string' && typeof code.S3Key === 'string') {
    return context.assets.read(code.S3Bucket, code.S3Key, context.clients.s3);
  }
  throw new Error(
    `Properties validation failed for resource ${context.logicalId}: Code needs ZipFile or S3Bucket and S3Key (the sandbox runs no container images).`,
  );
}
