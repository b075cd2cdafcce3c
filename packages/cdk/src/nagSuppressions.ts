import { Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Records that cdk-nag's AwsSolutions `rule` does not apply to `construct` for `reason`: for each resource ARN
 * or action listed (AwsSolutions-IAM5 is reported once per wildcard), or for the rule as a whole when none is.
 * Through CDK's own `Validations.of().acknowledge()`, which cdk-nag reads, so that using the construct needs no
 * cdk-nag.
 *
 * @example
 * acknowledgeNagRule(role, 'AwsSolutions-IAM5', 'ListBackups takes no resource-level permission', { resources: ['*'] });
 */
export function acknowledgeNagRule(
  construct: IConstruct,
  rule: string,
  reason: string,
  findings: { readonly resources?: readonly string[]; readonly actions?: readonly string[] } = {},
): void {
  const stack = Stack.of(construct);
  const named = [
    ...(findings.resources ?? []).map((arn) => `Resource::${asNagWritesIt(stack.resolve(arn))}`),
    ...(findings.actions ?? []).map((action) => `Action::${action}`),
  ];
  const ids = named.length === 0 ? [rule] : named.map((finding) => `${rule}[${finding}]`);
  Validations.of(construct).acknowledge(...ids.map((id) => ({ id: `AwsSolutions::${id}`, reason })));
}

/** A resolved value as cdk-nag writes it in a finding: `{Ref: X}` as `<X>`, `Fn::GetAtt` as `<X.Attr>`, joins joined. */
function asNagWritesIt(value: unknown): string {
  if (typeof value === 'string') return value;
  const object = value as Record<string, unknown>;
  if ('Ref' in object) return `<${String(object.Ref)}>`;
  if ('Fn::GetAtt' in object) return `<${(object['Fn::GetAtt'] as string[]).join('.')}>`;
  if ('Fn::Join' in object) {
    const [separator, parts] = object['Fn::Join'] as [string, unknown[]];
    return parts.map(asNagWritesIt).join(separator);
  }
  return JSON.stringify(value);
}
