import { GetRoleCommand, SimulatePrincipalPolicyCommand, type IAMClient } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';

/*
 * The thin layer between the access check and IAM/STS: who the caller is, and IAM's policy simulation.
 */

/** The caller's ARN and account (STS GetCallerIdentity, which needs no permission). */
export async function callerIdentity(sts: STSClient): Promise<{ arn: string; account: string }> {
  const out = await sts.send(new GetCallerIdentityCommand({}));
  return { arn: out.Arn ?? '', account: out.Account ?? '' };
}

/** A role's ARN with its path (an assumed-role session's ARN carries the role's name only). */
export async function roleArn(iam: IAMClient, roleName: string): Promise<string> {
  return (await iam.send(new GetRoleCommand({ RoleName: roleName }))).Role?.Arn ?? '';
}

/** IAM's decision per action for `principalArn` on `resource`: `allowed`, `implicitDeny` or `explicitDeny`. */
export async function simulatedDecisions(
  iam: IAMClient,
  principalArn: string,
  actions: readonly string[],
  resource: string,
): Promise<Map<string, string>> {
  const decisions = new Map<string, string>();
  let marker: string | undefined;
  do {
    const out = await iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: principalArn,
        ActionNames: [...actions],
        ResourceArns: [resource],
        Marker: marker,
      }),
    );
    for (const result of out.EvaluationResults ?? []) {
      decisions.set(result.EvalActionName ?? '', result.EvalDecision ?? 'implicitDeny');
    }
    marker = out.IsTruncated ? out.Marker : undefined;
  } while (marker);
  return decisions;
}
