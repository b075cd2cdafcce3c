import type { IamAction } from '../iamAction.js';
import { iamValidation, invalidInput, noSuchEntity } from '../iamErrors.js';
import { evaluatePolicies, type Evaluation, type NamedPolicy } from '../policyEvaluation.js';
import { parsePolicyDocument } from '../policyDocument.js';
import { statementPositions } from '../statementPositions.js';
import { queryString, queryStrings, queryStructures, type QueryTree } from '../../queryProtocol.js';

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/(?:.*\/)?([\w+=,.@-]+)$/;
const SEVERITY = { allowed: 0, implicitDeny: 1, explicitDeny: 2 } as const;

/**
 * SimulatePrincipalPolicy for a role: its inline and attached policies (plus `PolicyInputList`) evaluated
 * for each action on each resource (`*` when none is given), with `ContextEntries` as the request context.
 * One EvaluationResult per action carrying the most restrictive decision, and each resource's decision in
 * ResourceSpecificResults, as IAM answers today
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_EvaluationResult.html).
 */
export const simulatePrincipalPolicy: IamAction = (request, store) => {
  const source = queryString(request, 'PolicySourceArn');
  if (source === undefined) throw iamValidation('policySourceArn', undefined, 'Member must not be null');
  const roleName = ROLE_ARN.exec(source)?.[1];
  if (!roleName) {
    throw invalidInput(
      `Invalid ARN ${source}: the dynamo-dr sandbox simulates roles only (arn:aws:iam::ACCOUNT:role/NAME).`,
    );
  }
  const role = store.role(roleName);
  if (role.Arn !== source) throw noSuchEntity(`The role with name ${roleName} cannot be found.`);
  const actions = queryStrings(request, 'ActionNames');
  if (!actions.length) throw iamValidation('actionNames', undefined, 'Member must not be null');
  const resources = queryStrings(request, 'ResourceArns');
  const policies: { policy: NamedPolicy; text: string }[] = [
    ...Object.entries(role.inline).map(([name, text]) => ({ text, policy: named(name, 'role', text) })),
    ...role.attached.map((arn) => {
      const text = store.policyVersion(arn, store.policy(arn).DefaultVersionId).Document;
      return { text, policy: named(arn, arn.startsWith('arn:aws:iam::aws:') ? 'aws-managed' : 'user-managed', text) };
    }),
    ...queryStrings(request, 'PolicyInputList').map((text, i) => ({
      text,
      policy: named(`PolicyInputList.${i + 1}`, 'role', text),
    })),
  ];
  const context = contextOf(request);
  const results = actions.map((action) => {
    const perResource = (resources.length ? resources : ['*']).map((resource) => ({
      resource,
      evaluation: evaluatePolicies(
        policies.map((p) => p.policy),
        action,
        resource,
        context,
        'absent',
      ),
    }));
    const worst = perResource.reduce((a, b) =>
      SEVERITY[b.evaluation.decision] > SEVERITY[a.evaluation.decision] ? b : a,
    );
    return {
      EvalActionName: action,
      EvalResourceName: perResource[0]?.resource,
      EvalDecision: worst.evaluation.decision,
      MatchedStatements: matchedStatements(worst.evaluation, policies),
      MissingContextValues: worst.evaluation.missingContext,
      ResourceSpecificResults: resources.length
        ? perResource.map((r) => ({
            EvalResourceName: r.resource,
            EvalResourceDecision: r.evaluation.decision,
            MatchedStatements: matchedStatements(r.evaluation, policies),
            MissingContextValues: r.evaluation.missingContext,
          }))
        : undefined,
    };
  });
  return { EvaluationResults: results, IsTruncated: false };
};

function named(id: string, type: NamedPolicy['type'], text: string): NamedPolicy {
  return { id, type, document: parsePolicyDocument(text, 'identity') };
}

function matchedStatements(evaluation: Evaluation, policies: readonly { policy: NamedPolicy; text: string }[]) {
  return evaluation.matched.map(({ policy, statement }) => {
    const text = policies.find((p) => p.policy === policy)?.text ?? '';
    const position = statementPositions(text)[statement.index];
    return {
      SourcePolicyId: policy.id,
      SourcePolicyType: policy.type,
      StartPosition: position?.start,
      EndPosition: position?.end,
    };
  });
}

/** `ContextEntries.member.N.ContextKeyName` and its `ContextKeyValues.member.M`, keys lower-cased. */
function contextOf(request: QueryTree): Map<string, string[]> {
  const context = new Map<string, string[]>();
  for (const entry of queryStructures(request, 'ContextEntries')) {
    const name = queryString(entry, 'ContextKeyName');
    if (name) context.set(name.toLowerCase(), queryStrings(entry, 'ContextKeyValues'));
  }
  return context;
}
