import { readFile } from 'node:fs/promises';
import { CloudFormationClient, CreateStackCommand } from '@aws-sdk/client-cloudformation';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DescribeExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import type { Sandbox } from '@dynamo-dr/sandbox';

/** The bucket the template and the worker's code parameter name. */
const ARTIFACTS = 'artifacts';

/**
 * Deploys a template the construct synthesized with the template synthesizer (`dynamo-dr synth`'s) to the
 * sandbox as one would to AWS: the template through S3 (it is larger than the 51,200 bytes CloudFormation takes
 * inline), `WorkerCodeS3Bucket` naming the bucket; the key keeps its default, dynamo-dr/{hash}.zip, which the
 * sandbox finds in the synth output (its `assetDirectories`).
 *
 * @example
 * await deployTemplate(sandbox, 'ProdDisasterRecovery', synth.templateFile);
 */
export async function deployTemplate(sandbox: Sandbox, stackName: string, templateFile: string): Promise<void> {
  const s3 = new S3Client({ ...sandbox.clientConfig, forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: ARTIFACTS }));
  const key = `${stackName}.template.json`;
  await s3.send(new PutObjectCommand({ Bucket: ARTIFACTS, Key: key, Body: await readFile(templateFile) }));
  await new CloudFormationClient(sandbox.clientConfig).send(
    new CreateStackCommand({
      StackName: stackName,
      TemplateURL: `${sandbox.endpoint}/${ARTIFACTS}/${key}`,
      Capabilities: ['CAPABILITY_NAMED_IAM'],
      Parameters: [{ ParameterKey: 'WorkerCodeS3Bucket', ParameterValue: ARTIFACTS }],
    }),
  );
}

/**
 * The execution once it is no longer RUNNING, polled every 200 ms.
 *
 * @example
 * const execution = await executionFinished(sfn, executionArn);
 */
export async function executionFinished(sfn: SFNClient, executionArn: string) {
  for (;;) {
    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (execution.status !== 'RUNNING') return execution;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
