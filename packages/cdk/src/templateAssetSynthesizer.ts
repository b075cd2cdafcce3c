import {
  CfnParameter,
  StackSynthesizer,
  type DockerImageAssetLocation,
  type FileAssetLocation,
  type FileAssetSource,
  type ISynthesisSession,
} from 'aws-cdk-lib';

/**
 * Synthesizes a stack into a plain CloudFormation template for teams without CDK: no bootstrap stack, no CDK
 * metadata. The one file asset (the worker's code) is read from the S3 object the template's parameters name,
 * `WorkerCodeS3Bucket` and `WorkerCodeS3Key` (by default `dynamo-dr/{asset hash}.zip`): upload the zipped
 * asset directory there and deploy (docs/deploy.md).
 *
 * @example
 * new DisasterRecoveryStack(app, 'ProdDisasterRecovery', { ..., synthesizer: new TemplateAssetSynthesizer() });
 */
export class TemplateAssetSynthesizer extends StackSynthesizer {
  private asset?: { readonly hash: string; readonly location: FileAssetLocation };

  addFileAsset(asset: FileAssetSource): FileAssetLocation {
    if (this.asset) {
      if (this.asset.hash === asset.sourceHash) return this.asset.location;
      throw new Error(
        `${this.boundStack.stackName} has a second file asset (${asset.fileName}): a template has parameters for the worker's code only`,
      );
    }
    const stack = this.boundStack;
    const bucket = new CfnParameter(stack, 'WorkerCodeS3Bucket', {
      type: 'String',
      description: "The S3 bucket holding the worker's code (the zipped asset directory of dynamo-dr synth)",
    });
    const key = new CfnParameter(stack, 'WorkerCodeS3Key', {
      type: 'String',
      default: `dynamo-dr/${asset.sourceHash}.zip`,
      description: "The S3 key of the worker's code zip in WorkerCodeS3Bucket",
    });
    const bucketName = bucket.valueAsString;
    const objectKey = key.valueAsString;
    const location: FileAssetLocation = {
      bucketName,
      objectKey,
      httpUrl: `https://s3.${stack.region}.${stack.urlSuffix}/${bucketName}/${objectKey}`,
      s3ObjectUrl: `s3://${bucketName}/${objectKey}`,
    };
    this.asset = { hash: asset.sourceHash, location };
    return location;
  }

  addDockerImageAsset(): DockerImageAssetLocation {
    throw new Error(
      `${this.boundStack.stackName} has a Docker image asset: the worker is bundled locally, never in Docker`,
    );
  }

  synthesize(session: ISynthesisSession): void {
    this.synthesizeTemplate(session);
    this.emitArtifact(session);
  }
}
