import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CloudFormationClient,
  CreateStackCommand,
  DescribeStackEventsCommand,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import { GetFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { zipPackage } from '../../src/lambda/code/zipPackage.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/index.js';
import { SANDBOX_ACCOUNT } from '../../src/sandboxAccount.js';

// Lambda code named by Code.S3Bucket/S3Key: from the sandbox's S3, or from a CDK synth output directory
// (asset.{hash}, published by CDK as {hash}.zip in the bootstrap bucket).
const cdkOut = mkdtempSync(path.join(tmpdir(), 'ddr-cdk-out-'));
const source = 'exports.handler = async () => "from the asset";\n';
const hash = createHash('sha256').update(source).digest('hex');
mkdirSync(path.join(cdkOut, `asset.${hash}`));
writeFileSync(path.join(cdkOut, `asset.${hash}`, 'index.js'), source);

let sandbox: Sandbox;
let cfn: CloudFormationClient;
let lambda: LambdaClient;
let s3: S3Client;
beforeAll(async () => {
  sandbox = await startSandbox({ assetDirectories: [cdkOut] });
  cfn = new CloudFormationClient(sandbox.clientConfig);
  lambda = new LambdaClient(sandbox.clientConfig);
  s3 = new S3Client(sandbox.clientConfig);
});
afterAll(async () => {
  await sandbox.stop();
  rmSync(cdkOut, { recursive: true, force: true });
});

const functionTemplate = (code: object) =>
  JSON.stringify({
    Resources: {
      Fn: {
        Type: 'AWS::Lambda::Function',
        Properties: {
          Runtime: 'nodejs22.x',
          Handler: 'index.handler',
          Role: `arn:aws:iam::${SANDBOX_ACCOUNT}:role/r`,
          Code: code,
        },
      },
    },
  });

/** The deployed function's code size and SHA-256 (base64), as Lambda reports them. */
async function deployedCode(StackName: string, code: object): Promise<{ size: number; sha256: string }> {
  await cfn.send(new CreateStackCommand({ StackName, TemplateBody: functionTemplate(code) }));
  const stack = (await cfn.send(new DescribeStacksCommand({ StackName }))).Stacks?.[0];
  expect(stack?.StackStatus).toBe('CREATE_COMPLETE');
  const resources = (await cfn.send(new DescribeStackResourcesCommand({ StackName }))).StackResources ?? [];
  const fn = await lambda.send(new GetFunctionCommand({ FunctionName: resources[0]?.PhysicalResourceId }));
  return { size: fn.Configuration?.CodeSize ?? 0, sha256: fn.Configuration?.CodeSha256 ?? '' };
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('base64');

const bootstrapBucket = { 'Fn::Sub': 'cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}' };

it('reads a CDK asset from the synth output directory when no S3 object has its key', async () => {
  // A directory asset is zipped by the sandbox (as cdk-assets zips it on publish).
  const fromDirectory = await deployedCode('from-cdk-out', { S3Bucket: bootstrapBucket, S3Key: `${hash}.zip` });
  expect(fromDirectory.size).toBeGreaterThan(source.length);
  // A file asset is the package itself.
  const zipped = await zipPackage({ 'index.js': 'exports.handler = async () => 2;' });
  const zipHash = createHash('sha256').update(zipped).digest('hex');
  writeFileSync(path.join(cdkOut, `asset.${zipHash}.zip`), zipped);
  expect(await deployedCode('from-cdk-zip', { S3Bucket: bootstrapBucket, S3Key: `${zipHash}.zip` })).toEqual({
    size: zipped.length,
    sha256: sha256(zipped),
  });
});

it("reads the code from the sandbox's S3 when the object is there", async () => {
  const uploaded = 'exports.handler = async () => "uploaded";\n';
  await s3.send(new CreateBucketCommand({ Bucket: 'deploy-artifacts' }));
  const zipped = await zipPackage({ 'index.js': uploaded });
  await s3.send(new PutObjectCommand({ Bucket: 'deploy-artifacts', Key: 'fn.zip', Body: zipped }));
  expect(await deployedCode('from-s3', { S3Bucket: 'deploy-artifacts', S3Key: 'fn.zip' })).toEqual({
    size: zipped.length,
    sha256: sha256(zipped),
  });
});

it('inline ZipFile code is packaged as index.js', async () => {
  const inline = await deployedCode('inline', { ZipFile: 'exports.handler = async () => 1;' });
  expect(inline.size).toBeGreaterThan('exports.handler = async () => 1;'.length);
});

it('code that is nowhere fails the function and rolls the stack back, naming what was looked for', async () => {
  await cfn.send(
    new CreateStackCommand({
      StackName: 'no-code',
      TemplateBody: functionTemplate({ S3Bucket: 'nowhere', S3Key: `${'0'.repeat(64)}.zip` }),
    }),
  );
  expect((await cfn.send(new DescribeStacksCommand({ StackName: 'no-code' }))).Stacks?.[0]?.StackStatus).toBe(
    'ROLLBACK_COMPLETE',
  );
  const events = (await cfn.send(new DescribeStackEventsCommand({ StackName: 'no-code' }))).StackEvents ?? [];
  expect(events.find((e) => e.ResourceStatus === 'CREATE_FAILED')?.ResourceStatusReason).toContain(
    `s3://nowhere/${'0'.repeat(64)}.zip is neither in the sandbox's S3 nor, as a CDK asset ({hash}.zip), in its assetDirectories [${cdkOut}]`,
  );
});
