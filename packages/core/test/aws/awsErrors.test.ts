import { DescribeTableCommand, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoDbClient } from '../../src/aws/createDynamoDbClient.js';
import { isRetryableError } from '../../src/aws/isRetryableError.js';
import { restoreAsClients } from '../../src/restoreAs/restoreAsClients.js';
import { AwsEnvironmentError, AwsValidationError, InputError } from '../../src/errors.js';
import { GetParameterCommand } from '@aws-sdk/client-ssm';
import { closedPort } from './closedPort.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
  // Core's clients take their credentials from the environment, as the CLI's do.
  Object.assign(process.env, sandbox.env);
});
afterAll(() => sandbox.stop());

describe('AWS SDK errors of the clients core creates', () => {
  it('an endpoint with nothing listening is one environment error naming the call, still retryable for the engine', async () => {
    const client = createDynamoDbClient({ endpoint: `http://127.0.0.1:${await closedPort()}`, region: 'us-east-1' });
    const call = client.send(new DescribeTableCommand({ TableName: 'Orders' }));
    await expect(call).rejects.toBeInstanceOf(AwsEnvironmentError);
    await expect(call).rejects.toThrow(/^Cannot reach DynamoDB \(DescribeTable\): connect ECONNREFUSED/);
    expect(isRetryableError(await call.catch((e: unknown) => e))).toBe(true);
  });

  it('a request AWS refuses as invalid is an input error quoting AWS (exit 2 in the CLI)', async () => {
    const client = createDynamoDbClient({ endpoint: sandbox.endpoint, region: sandbox.region });
    const call = client.send(new DescribeTableCommand({ TableName: 'bad name!' }));
    await expect(call).rejects.toBeInstanceOf(AwsValidationError);
    await expect(call).rejects.toBeInstanceOf(InputError);
    await expect(call).rejects.toThrow(/^The DynamoDB \(DescribeTable\) request was refused by AWS as invalid: /);
  });

  it('errors the domain handles by their SDK class pass through unchanged', async () => {
    const { dynamodb, ssm } = restoreAsClients({ endpoint: sandbox.endpoint, region: sandbox.region });
    await expect(dynamodb.send(new DescribeTableCommand({ TableName: 'NoSuchTable' }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
    await expect(ssm.send(new GetParameterCommand({ Name: '/no/such/parameter' }))).rejects.toMatchObject({
      name: 'ParameterNotFound',
    });
  });

  it('missing credentials and a missing region are environment errors with a hint, not crashes', async () => {
    const noCredentials = createDynamoDbClient({ endpoint: sandbox.endpoint, region: 'us-east-1' });
    noCredentials.config.credentials = async () => {
      throw Object.assign(new Error('Could not load credentials from any providers'), {
        name: 'CredentialsProviderError',
      });
    };
    const refused = noCredentials.send(new DescribeTableCommand({ TableName: 'Orders' }));
    await expect(refused).rejects.toBeInstanceOf(AwsEnvironmentError);
    await expect(refused).rejects.toMatchObject({ hint: expect.stringMatching(/--profile/) });

    const noRegion = createDynamoDbClient({ endpoint: sandbox.endpoint });
    noRegion.config.region = async () => {
      throw new Error('Region is missing');
    };
    await expect(noRegion.send(new DescribeTableCommand({ TableName: 'Orders' }))).rejects.toThrow(
      /has no usable AWS region: Region is missing/,
    );
  });
});
