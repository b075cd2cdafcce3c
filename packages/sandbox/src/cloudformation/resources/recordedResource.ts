import { SANDBOX_ACCOUNT } from '../../sandboxAccount.js';
import { physicalName, type ResourceContext, type ResourceHandler } from './resourceHandler.js';

/**
 * A resource type the sandbox does not emulate: recorded in the stack (its
 * events and DescribeStackResources say so in the status reason) but nothing is
 * created. Its physical id is `nameProperty`'s value or a generated name;
 * `attributes` gives its Fn::GetAtt values (an ARN-like `Arn` by default).
 */
export function recordedResource(
  reason: string,
  nameProperty?: string,
  attributes: (
    physicalId: string,
    properties: Record<string, unknown>,
    context: ResourceContext,
  ) => Record<string, unknown> = (physicalId, _properties, context) => ({
    Arn: `arn:aws:sandbox:${context.region}:${SANDBOX_ACCOUNT}:${physicalId}`,
  }),
): ResourceHandler {
  const provision = async (properties: Record<string, unknown>, context: ResourceContext, physicalId?: string) => {
    const id =
      physicalId ??
      (nameProperty && typeof properties[nameProperty] === 'string'
        ? (properties[nameProperty] as string)
        : physicalName(context, 128));
    return { physicalId: id, attributes: attributes(id, properties, context) };
  };
  return {
    recordedReason: reason,
    replacingProperties: nameProperty ? [nameProperty] : [],
    create: (properties, context) => provision(properties, context),
    update: (current, properties, _previous, context) => provision(properties, context, current.physicalId),
    async delete() {},
  };
}
