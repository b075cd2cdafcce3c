import { convertAwsError } from './awsErrors.js';

/**
 * The region a client resolved, as the AWS CLI resolves it (`--region`, `AWS_REGION`, the profile): the one
 * whose prices apply to its tables. A region that cannot be resolved is an {@link AwsEnvironmentError}.
 *
 * @example
 * const region = await clientRegion(createDynamoDbClient({ profile: 'dr' }));
 */
export async function clientRegion(client: {
  readonly config: { readonly region: () => Promise<string> };
}): Promise<string> {
  try {
    return await client.config.region();
  } catch (error) {
    throw convertAwsError(error, { clientName: client.constructor.name });
  }
}
