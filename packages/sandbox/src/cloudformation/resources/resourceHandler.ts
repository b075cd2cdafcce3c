import type { StackClients } from '../stackClients.js';
import type { AssetSource } from './assetSource.js';

/** What a resource handler works with. */
export interface ResourceContext {
  readonly clients: StackClients;
  readonly stackName: string;
  readonly logicalId: string;
  readonly region: string;
  readonly assets: AssetSource;
}

/** A resource as created: its physical id (what Ref returns) and its Fn::GetAtt attributes. */
export interface ProvisionedResource {
  readonly physicalId: string;
  readonly attributes: Readonly<Record<string, unknown>>;
}

/**
 * How the sandbox creates, updates and deletes one resource type, calling its
 * service through the SDK. Errors thrown are reported as the resource's
 * status reason (CREATE_FAILED, UPDATE_FAILED, DELETE_FAILED).
 */
export interface ResourceHandler {
  create(properties: Record<string, unknown>, context: ResourceContext): Promise<ProvisionedResource>;
  /** Changes the resource in place (properties not in `replacingProperties` changed). */
  update(
    current: ProvisionedResource,
    properties: Record<string, unknown>,
    previous: Record<string, unknown>,
    context: ResourceContext,
  ): Promise<ProvisionedResource>;
  delete(current: ProvisionedResource, properties: Record<string, unknown>, context: ResourceContext): Promise<void>;
  /** Properties whose change replaces the resource (a new one, then the old deleted), as the resource reference says. */
  readonly replacingProperties: readonly string[];
  /** Set for types that are only recorded: the status reason every event of the resource carries. */
  readonly recordedReason?: string;
}

const SUFFIX_CHARACTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * A name for a resource the template does not name, as CloudFormation makes
 * them: `{stack}-{logicalId}-{RANDOM}` (`{logicalId}-{RANDOM}` with
 * `withoutStack`), the stack and logical id cut to fit `maxLength`.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-name.html
 */
export function physicalName(context: ResourceContext, maxLength: number, withoutStack = false): string {
  const suffix = Array.from(
    { length: 12 },
    () => SUFFIX_CHARACTERS[Math.floor(Math.random() * SUFFIX_CHARACTERS.length)],
  ).join('');
  const room = maxLength - suffix.length - (withoutStack ? 1 : 2);
  if (withoutStack) return `${context.logicalId.slice(0, room)}-${suffix}`;
  const stackPart = context.stackName.slice(0, Math.ceil(room / 2));
  const logicalPart = context.logicalId.slice(0, room - stackPart.length);
  return `${stackPart}-${logicalPart}-${suffix}`;
}

/** Template tags (`[{Key, Value}]`) as a map. */
export function tagMap(tags: unknown): Record<string, string> | undefined {
  if (!Array.isArray(tags)) return undefined;
  return Object.fromEntries(tags.map((t: { Key: string; Value: string }) => [t.Key, String(t.Value)]));
}
