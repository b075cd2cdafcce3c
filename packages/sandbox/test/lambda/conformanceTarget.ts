import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { startSandbox, type Sandbox } from '../../src/index.js';
import { SANDBOX_ACCOUNT } from '../../src/sandboxAccount.js';

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

/**
 * A deployable zip holding `index.mjs` whose handler returns null: the sandbox
 * ignores code, real AWS needs a valid archive (stored, no compression).
 */
export function handlerZip(): Uint8Array {
  const name = Buffer.from('index.mjs');
  const data = Buffer.from('export const handler = async () => null;\n');
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(name.length, 28);
  const centralOffset = local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}
