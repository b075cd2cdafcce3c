import { CfnResource } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** A finding a suppression covers: its exact text, or a regular expression (cdk-nag's `/.../` form). */
export type NagFinding = string | { readonly regex: string };

/**
 * Records that `rule` of cdk-nag does not apply to `construct`'s resource, for `reason`, and for the findings
 * listed only (all of them when the list is empty). Written as the resource metadata cdk-nag reads
 * (`cdk_nag.rules_to_suppress`), so that using the construct needs no cdk-nag.
 *
 * @example
 * suppressNagRule(role, 'AwsSolutions-IAM5', 'ListBackups takes no resource-level permission', ['Resource::*']);
 */
export function suppressNagRule(
  construct: IConstruct,
  rule: string,
  reason: string,
  findings: readonly NagFinding[] = [],
): void {
  const resource = construct instanceof CfnResource ? construct : construct.node.defaultChild;
  if (!(resource instanceof CfnResource)) throw new Error(`${construct.node.path} has no CloudFormation resource`);
  const metadata = (resource.getMetadata('cdk_nag') as { rules_to_suppress?: unknown[] } | undefined) ?? {};
  const suppression = { id: rule, reason, ...(findings.length > 0 && { applies_to: [...findings] }) };
  resource.addMetadata('cdk_nag', { rules_to_suppress: [...(metadata.rules_to_suppress ?? []), suppression] });
}
