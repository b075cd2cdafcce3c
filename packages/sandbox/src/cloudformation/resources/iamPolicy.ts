import { DeleteRolePolicyCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { policyText } from './iamRole.js';
import { physicalName, type ResourceContext, type ResourceHandler } from './resourceHandler.js';

/**
 * AWS::IAM::Policy (an inline policy, as the CDK's `DefaultPolicy`) through
 * the sandbox's IAM: PutRolePolicy into each of `Roles`; an update puts it
 * again and takes it off roles no longer listed. Users and groups are not
 * emulated (refused). Ref is a generated id.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-iam-policy.html
 */
export const iamPolicy: ResourceHandler = {
  replacingProperties: [],

  async create(properties, context) {
    await apply(properties, {}, context);
    return { physicalId: physicalName(context, 128), attributes: {} };
  },

  async update(current, properties, previous, context) {
    await apply(properties, previous, context);
    return current;
  },

  async delete(_current, properties, context) {
    await apply({}, properties, context);
  },
};

async function apply(properties: Record<string, unknown>, previous: Record<string, unknown>, context: ResourceContext) {
  if (properties.Users !== undefined || properties.Groups !== undefined) {
    throw new Error(
      `${context.logicalId}: the dynamo-dr sandbox attaches policies to Roles only (it has no IAM users or groups).`,
    );
  }
  const roles = (p: Record<string, unknown>) => (p.Roles ?? []) as string[];
  const name = (p: Record<string, unknown>) => p.PolicyName as string;
  for (const RoleName of roles(properties)) {
    await context.clients.iam.send(
      new PutRolePolicyCommand({
        RoleName,
        PolicyName: name(properties),
        PolicyDocument: policyText(properties.PolicyDocument),
      }),
    );
  }
  for (const RoleName of roles(previous)) {
    if (roles(properties).includes(RoleName) && name(properties) === name(previous)) continue;
    await context.clients.iam
      .send(new DeleteRolePolicyCommand({ RoleName, PolicyName: name(previous) }))
      .catch((error: Error) => {
        // The role may be gone already (deleted before this policy in a rollback).
        if (!['NoSuchEntity', 'NoSuchEntityException'].includes(error.name)) throw error;
      });
  }
}
