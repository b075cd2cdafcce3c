import { AwsError } from './awsError.js';

/**
 * AWS Region names: a two-letter area, one or more words, a number (`us-east-1`, `us-gov-west-1`,
 * `ap-southeast-5`; https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html).
 * The sandbox keeps each Region's state apart, on disk under the Region's name, so it takes only these.
 */
const REGION_NAME = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;

export function isRegionName(region: string): boolean {
  return REGION_NAME.test(region);
}

/**
 * What every service answers a request signed for a scope that is not a Region: AWS's
 * InvalidSignatureException text, then the sandbox's reason and fix.
 */
export function invalidRegionScope(region: string): AwsError {
  return new AwsError(
    'InvalidSignatureException',
    `Credential should be scoped to a valid region. The request is signed for '${region}', which is not an AWS Region name: sign it for a Region such as us-east-1 (the dynamo-dr sandbox keeps each Region's state apart).`,
  );
}
