import { parseKnownFiles } from '@smithy/core/config';
import { InputError } from '../errors.js';
import { assertName } from '../validation/assertName.js';
import { regionRule } from '../validation/nameRules.js';
import type { AwsClientOptions } from './createDynamoDbClient.js';

/**
 * Checks the connection options given explicitly before any client uses them, as the AWS CLI does: the
 * region is a region name, the endpoint an http(s) URL, the profile one of the shared config and
 * credentials files (`AWS_CONFIG_FILE`, `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/`). Options left out
 * are not checked: the SDK's own fallbacks apply, and their failures are converted where calls fail
 * ({@link convertAwsErrors}). Reads only those two files.
 *
 * @throws InputError naming the option, the value and the fix.
 * @example
 * await assertAwsOptions({ region: 'eu-west-1', profile: 'dr' });
 */
export async function assertAwsOptions(
  options: Pick<AwsClientOptions, 'region' | 'endpoint' | 'profile'>,
): Promise<void> {
  if (options.region !== undefined) assertName(regionRule, 'region', options.region);
  if (options.endpoint !== undefined) assertEndpoint(options.endpoint, 'endpoint');
  if (options.profile !== undefined) await assertProfile(options.profile, 'profile');
}

function assertEndpoint(endpoint: string, field: string): void {
  let url: URL | undefined;
  try {
    url = new URL(endpoint);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) {
    throw new InputError(
      field,
      endpoint,
      'is not an http or https URL',
      'Give the endpoint as a URL, e.g. http://127.0.0.1:4566 (the sandbox) or https://dynamodb.eu-west-1.amazonaws.com.',
    );
  }
}

async function assertProfile(profile: string, field: string): Promise<void> {
  // The SDK's own reader of the shared files, so that a profile is found exactly where the SDK looks.
  const profiles = Object.keys(await parseKnownFiles({ profile }));
  if (profiles.includes(profile)) return;
  throw new InputError(
    field,
    profile,
    'is not a profile of the shared AWS config or credentials file',
    profiles.length
      ? `Use one of: ${profiles.sort().join(', ')} (aws configure list-profiles), or leave ${field} out.`
      : `No profile is configured: run aws configure --profile ${profile}, or leave ${field} out.`,
  );
}
