import { SANDBOX_ACCOUNT } from '../sandboxAccount.js';
import { cfnErrors } from './cfnErrors.js';
import { conditionValue, type ResolveScope } from './template/intrinsics.js';
import type { TemplateSource } from './actions/stackParams.js';
import {
  MAX_TEMPLATE_BODY_BYTES,
  MAX_TEMPLATE_URL_BYTES,
  parseTemplate,
  type Template,
} from './template/parseTemplate.js';
import { creationOrder, resourceDependencies } from './template/resourceOrder.js';
import { templateParameters, type GivenParameter, type StackParameter } from './template/templateParameters.js';

/** A template ready to apply to a stack: checked, its parameters resolved, its resources in creation order. */
export interface StackPlan {
  readonly template: Template;
  readonly templateBody: string;
  readonly fromUrl: boolean;
  readonly parameters: StackParameter[];
  /** Parameters and pseudo parameters, by name (what Ref gives). */
  readonly values: Readonly<Record<string, unknown>>;
  /** Every resource of the template, each after what it depends on. */
  readonly order: readonly string[];
}

export interface PlanRequest {
  readonly template: TemplateSource;
  readonly parameters: readonly GivenParameter[];
  readonly previousParameters: readonly StackParameter[];
  readonly capabilities: readonly string[];
  readonly stackName: string;
  readonly stackId: string;
  readonly region: string;
  readonly readParameter: (name: string) => Promise<string | undefined>;
}

/** Pseudo parameters (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html). */
export function pseudoParameters(region: string, stackName: string, stackId: string): Record<string, unknown> {
  return {
    'AWS::Region': region,
    'AWS::AccountId': SANDBOX_ACCOUNT,
    'AWS::Partition': 'aws',
    'AWS::URLSuffix': 'amazonaws.com',
    'AWS::StackName': stackName,
    'AWS::StackId': stackId,
    'AWS::NotificationARNs': [],
  };
}

/**
 * Everything CloudFormation checks before it changes anything: the template's
 * format, its parameters, its references and dependency order, and the
 * capabilities IAM resources need.
 */
export async function planStack(request: PlanRequest): Promise<StackPlan> {
  const template = parseTemplate(
    request.template.body,
    request.template.fromUrl ? MAX_TEMPLATE_URL_BYTES : MAX_TEMPLATE_BODY_BYTES,
  );
  const { parameters, values } = await templateParameters(
    template,
    request.parameters,
    request.previousParameters,
    request.readParameter,
  );
  const allValues = { ...values, ...pseudoParameters(request.region, request.stackName, request.stackId) };
  const known = new Set([...Object.keys(allValues), 'AWS::NoValue']);
  const order = creationOrder(resourceDependencies(template, (name) => known.has(name)));
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (resource.Condition !== undefined && !(resource.Condition in (template.Conditions ?? {}))) {
      throw cfnErrors.templateFormat(
        `Unresolved dependencies [${resource.Condition}]. Cannot reference resources in the Conditions block of the template (resource ${id})`,
      );
    }
  }
  checkCapabilities(template, request.capabilities);
  return {
    template,
    templateBody: request.template.body as string,
    fromUrl: request.template.fromUrl,
    parameters,
    values: allValues,
    order,
  };
}

/**
 * IAM resources need CAPABILITY_IAM, named ones CAPABILITY_NAMED_IAM
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-iam-template.html#capabilities).
 */
function checkCapabilities(template: Template, capabilities: readonly string[]): void {
  const iam = Object.values(template.Resources).filter((r) => r.Type.startsWith('AWS::IAM::'));
  const named = iam.some((r) =>
    ['RoleName', 'UserName', 'GroupName', 'ManagedPolicyName', 'InstanceProfileName'].some(
      (p) => r.Properties?.[p] !== undefined,
    ),
  );
  if (named && !capabilities.includes('CAPABILITY_NAMED_IAM'))
    throw cfnErrors.insufficientCapabilities('CAPABILITY_NAMED_IAM');
  if (iam.length > 0 && !capabilities.includes('CAPABILITY_IAM') && !capabilities.includes('CAPABILITY_NAMED_IAM')) {
    throw cfnErrors.insufficientCapabilities('CAPABILITY_IAM');
  }
}

/** The template's Conditions, each evaluated once, in a scope's `condition`. */
export function conditionsOf(template: Template, scope: () => ResolveScope): (name: string) => boolean {
  const known = new Map<string, boolean>();
  return (name) => {
    const cached = known.get(name);
    if (cached !== undefined) return cached;
    const expression = template.Conditions?.[name];
    if (expression === undefined) throw cfnErrors.templateFormat(`Unresolved condition dependency ${name}.`);
    const value = conditionValue(expression, scope());
    known.set(name, value);
    return value;
  };
}
