import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  PutRolePolicyCommand,
  UpdateAssumeRolePolicyCommand,
  UpdateRoleCommand,
} from '@aws-sdk/client-iam';
import { physicalName, type ResourceContext, type ResourceHandler } from './resourceHandler.js';

interface InlinePolicy {
  readonly PolicyName: string;
  readonly PolicyDocument: unknown;
}

/** A policy document as IAM takes it: JSON text (templates give objects). */
export const policyText = (document: unknown) => (typeof document === 'string' ? document : JSON.stringify(document));

/**
 * AWS::IAM::Role through the sandbox's IAM: CreateRole with the trust policy,
 * then its inline `Policies` (PutRolePolicy) and `ManagedPolicyArns`
 * (AttachRolePolicy); in place, the trust policy, description, session
 * length and both policy lists (added, changed, removed). Ref is the role
 * name; attributes Arn and RoleId.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-iam-role.html
 */
export const iamRole: ResourceHandler = {
  replacingProperties: ['RoleName', 'Path'],

  async create(properties, context) {
    const RoleName = (properties.RoleName as string | undefined) ?? physicalName(context, 64);
    const { Role } = await context.clients.iam.send(
      new CreateRoleCommand({
        RoleName,
        AssumeRolePolicyDocument: policyText(properties.AssumeRolePolicyDocument),
        Path: properties.Path as string | undefined,
        Description: properties.Description as string | undefined,
        MaxSessionDuration:
          properties.MaxSessionDuration === undefined ? undefined : Number(properties.MaxSessionDuration),
        Tags: properties.Tags as never,
      }),
    );
    await applyPolicies(RoleName, properties, {}, context);
    return { physicalId: RoleName, attributes: { Arn: Role?.Arn, RoleId: Role?.RoleId } };
  },

  async update(current, properties, previous, context) {
    const RoleName = current.physicalId;
    const changed = (field: string) => JSON.stringify(properties[field]) !== JSON.stringify(previous[field]);
    if (changed('AssumeRolePolicyDocument')) {
      await context.clients.iam.send(
        new UpdateAssumeRolePolicyCommand({
          RoleName,
          PolicyDocument: policyText(properties.AssumeRolePolicyDocument),
        }),
      );
    }
    if (changed('Description') || changed('MaxSessionDuration')) {
      await context.clients.iam.send(
        new UpdateRoleCommand({
          RoleName,
          Description: properties.Description as string | undefined,
          MaxSessionDuration:
            properties.MaxSessionDuration === undefined ? undefined : Number(properties.MaxSessionDuration),
        }),
      );
    }
    await applyPolicies(RoleName, properties, previous, context);
    return current;
  },

  async delete(current, properties, context) {
    // A role with policies cannot be deleted (DeleteConflict): take them off first.
    await applyPolicies(current.physicalId, {}, properties, context);
    await context.clients.iam.send(new DeleteRoleCommand({ RoleName: current.physicalId }));
  },
};

/** Makes the role's inline and managed policies those of `properties`, given those of `previous`. */
async function applyPolicies(
  RoleName: string,
  properties: Record<string, unknown>,
  previous: Record<string, unknown>,
  context: ResourceContext,
): Promise<void> {
  const inline = (p: Record<string, unknown>) => (p.Policies ?? []) as InlinePolicy[];
  const managed = (p: Record<string, unknown>) => (p.ManagedPolicyArns ?? []) as string[];
  for (const policy of inline(properties)) {
    const before = inline(previous).find((p) => p.PolicyName === policy.PolicyName);
    if (before && JSON.stringify(before.PolicyDocument) === JSON.stringify(policy.PolicyDocument)) continue;
    await context.clients.iam.send(
      new PutRolePolicyCommand({
        RoleName,
        PolicyName: policy.PolicyName,
        PolicyDocument: policyText(policy.PolicyDocument),
      }),
    );
  }
  for (const policy of inline(previous)) {
    if (inline(properties).some((p) => p.PolicyName === policy.PolicyName)) continue;
    await context.clients.iam.send(new DeleteRolePolicyCommand({ RoleName, PolicyName: policy.PolicyName }));
  }
  for (const PolicyArn of managed(properties).filter((arn) => !managed(previous).includes(arn))) {
    await context.clients.iam.send(new AttachRolePolicyCommand({ RoleName, PolicyArn }));
  }
  for (const PolicyArn of managed(previous).filter((arn) => !managed(properties).includes(arn))) {
    await context.clients.iam.send(new DetachRolePolicyCommand({ RoleName, PolicyArn }));
  }
}
