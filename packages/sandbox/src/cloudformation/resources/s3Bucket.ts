import { CreateBucketCommand, DeleteBucketCommand } from '@aws-sdk/client-s3';
import { physicalName, type ResourceHandler } from './resourceHandler.js';

/**
 * AWS::S3::Bucket through the sandbox's S3 (name, nothing else: the subset has
 * no bucket settings). A bucket that is not empty fails to delete, as on AWS.
 * Ref is the name; attributes Arn, DomainName, RegionalDomainName.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-s3-bucket.html
 */
export const s3Bucket: ResourceHandler = {
  replacingProperties: ['BucketName'],

  async create(properties, context) {
    // Bucket names are lower case, at most 63 characters.
    const name = (properties.BucketName as string | undefined) ?? physicalName(context, 63).toLowerCase();
    await context.clients.s3.send(new CreateBucketCommand({ Bucket: name }));
    return {
      physicalId: name,
      attributes: {
        Arn: `arn:aws:s3:::${name}`,
        DomainName: `${name}.s3.amazonaws.com`,
        RegionalDomainName: `${name}.s3.${context.region}.amazonaws.com`,
      },
    };
  },

  async update(current) {
    return current;
  },

  async delete(current, _properties, context) {
    await context.clients.s3.send(new DeleteBucketCommand({ Bucket: current.physicalId }));
  },
};
