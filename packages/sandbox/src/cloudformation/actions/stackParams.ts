import { constraintViolation } from '../../awsError.js';
import { cfnErrors } from '../cfnErrors.js';
import type { CloudFormationContext } from '../service.js';
import type { StackRecord, StackStore } from '../stackStore.js';
import type { GivenParameter } from '../template/templateParameters.js';

/** Request members the stack actions share, read from the query parameters. */
export function stackName(params: Record<string, unknown>): string {
  const name = params.StackName;
  if (typeof name !== 'string' || name === '') {
    throw cfnErrors.validation(constraintViolation('stackName', undefined, 'Member must not be null'));
  }
  return name;
}

export const listParam = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

export const givenParameters = (params: Record<string, unknown>) => listParam<GivenParameter>(params.Parameters);

export const capabilities = (params: Record<string, unknown>) => listParam<string>(params.Capabilities);

/** The live stack a name (or any stack an id) names; `Stack with id … does not exist` otherwise. */
export function findStack(store: StackStore, nameOrId: string): StackRecord {
  const stack = store.find(nameOrId);
  if (!stack) throw cfnErrors.stackDoesNotExist(nameOrId);
  return stack;
}

/**
 * A stack's template to apply: `TemplateBody`, the stack's own with
 * `UsePreviousTemplate`, or the object `TemplateURL` names in the sandbox's S3.
 */
export async function templateBodyOf(
  params: Record<string, unknown>,
  context: Pick<CloudFormationContext, 'readObject'>,
  previous?: StackRecord,
): Promise<TemplateSource> {
  if (params.UsePreviousTemplate === 'true' && previous) return { body: previous.templateBody, fromUrl: false };
  if (typeof params.TemplateURL === 'string' && params.TemplateBody === undefined) {
    const { bucket, key } = s3Location(params.TemplateURL);
    return { body: (await context.readObject(bucket, key)).toString(), fromUrl: true };
  }
  return { body: params.TemplateBody, fromUrl: false };
}

/** A template's text and where it came from (a TemplateURL allows larger templates). */
export interface TemplateSource {
  readonly body: unknown;
  readonly fromUrl: boolean;
}

/**
 * Bucket and key of an S3 URL: virtual-hosted (`https://bucket.s3[.region].amazonaws.com/key`)
 * or path-style (`https://s3[.region].amazonaws.com/bucket/key`, or the sandbox's own endpoint).
 */
function s3Location(url: string): { bucket: string; key: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw cfnErrors.validation(`TemplateURL must be a supported URL: ${url}`);
  }
  const virtual = /^(.+)\.s3[.-]([a-z0-9-]+\.)?amazonaws\.com$/.exec(parsed.hostname);
  const path = decodeURIComponent(parsed.pathname).replace(/^\//, '');
  if (virtual?.[1]) return { bucket: virtual[1], key: path };
  const [bucket = '', ...key] = path.split('/');
  if (!bucket || key.length === 0) throw cfnErrors.validation(`TemplateURL must name a bucket and a key: ${url}`);
  return { bucket, key: key.join('/') };
}

const STACK_NAME = /^[a-zA-Z][-a-zA-Z0-9]{0,127}$/;

/** A new stack's name, as CloudFormation allows them. */
export function checkNewStackName(name: string): string {
  if (!STACK_NAME.test(name)) {
    throw cfnErrors.validation(
      constraintViolation(
        'stackName',
        name,
        'Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*|arn:[-a-zA-Z0-9:/._+]*',
      ),
    );
  }
  return name;
}
