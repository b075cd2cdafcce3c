import { randomBytes } from 'node:crypto';
import { startSandbox, type Sandbox } from '../../src/index.js';
import { SANDBOX_ACCOUNT } from '../../src/sandboxAccount.js';
import { zipPackage } from '../../src/lambda/code/zipPackage.js';

/**
 * Where a conformance suite runs: the sandbox (default), or real AWS when
 * `DYNAMO_DR_CONFORMANCE=aws` — never in CI. Real AWS uses the default
 * credential chain and region, and for Lambda needs
 * `DYNAMO_DR_CONFORMANCE_LAMBDA_ROLE` (an execution role ARN) and
 * `DYNAMO_DR_CONFORMANCE_SQS_ARN` (a queue the role may poll). Every name a
 * suite makes carries `suffix`, and the suite deletes what it made.
 */
export interface ConformanceTarget {
  readonly real: boolean;
  /** Client settings: endpoint and dummy credentials on the sandbox; nothing on AWS. */
  readonly clientConfig: {
    endpoint?: string;
    region?: string;
    credentials?: { accessKeyId: string; secretAccessKey: string };
  };
  readonly suffix: string;
  readonly roleArn: string;
  readonly queueArn: string;
  stop(): Promise<void>;
}

export async function conformanceTarget(): Promise<ConformanceTarget> {
  const suffix = randomBytes(4).toString('hex');
  if (process.env.DYNAMO_DR_CONFORMANCE === 'aws') {
    return {
      real: true,
      clientConfig: {},
      suffix,
      roleArn: required('DYNAMO_DR_CONFORMANCE_LAMBDA_ROLE'),
      queueArn: required('DYNAMO_DR_CONFORMANCE_SQS_ARN'),
      stop: async () => undefined,
    };
  }
  const sandbox: Sandbox = await startSandbox();
  return {
    real: false,
    clientConfig: sandbox.clientConfig,
    suffix,
    roleArn: `arn:aws:iam::${SANDBOX_ACCOUNT}:role/conformance`,
    queueArn: `arn:aws:sqs:${sandbox.region}:${SANDBOX_ACCOUNT}:conformance-${suffix}`,
    stop: () => sandbox.stop(),
  };
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`DYNAMO_DR_CONFORMANCE=aws needs ${name}`);
  return value;
}

/** A deployable zip holding `index.mjs` whose handler returns null: the sandbox runs it, as AWS does. */
export function handlerZip(): Promise<Uint8Array> {
  return zipPackage({ 'index.mjs': 'export const handler = async () => null;\n' });
}
