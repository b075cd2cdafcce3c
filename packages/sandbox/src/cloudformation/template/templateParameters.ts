import { cfnErrors } from '../cfnErrors.js';
import type { Template } from './parseTemplate.js';

/** A parameter as CreateStack / UpdateStack receive it. */
export interface GivenParameter {
  readonly ParameterKey?: string;
  readonly ParameterValue?: string;
  readonly UsePreviousValue?: string | boolean;
}

/** A parameter's value as DescribeStacks reports it (`ResolvedValue` for SSM parameter types). */
export interface StackParameter {
  readonly ParameterKey: string;
  readonly ParameterValue: string;
  readonly ResolvedValue?: string;
}

const SSM_TYPE = /^AWS::SSM::Parameter::Value<(.+)>$/;

/**
 * The template's parameters with the values given, the previous ones
 * (`UsePreviousValue`) or the defaults, checked as CloudFormation checks them;
 * `AWS::SSM::Parameter::Value<…>` types are read from Parameter Store through `readParameter`.
 * Returns what DescribeStacks reports and, by name, what `Ref` gives (lists for list types).
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html
 */
export async function templateParameters(
  template: Template,
  given: readonly GivenParameter[],
  previous: readonly StackParameter[],
  readParameter: (name: string) => Promise<string | undefined>,
): Promise<{ parameters: StackParameter[]; values: Record<string, unknown> }> {
  const declared = template.Parameters ?? {};
  const unknown = given.map((g) => g.ParameterKey ?? '').filter((key) => !(key in declared));
  if (unknown.length > 0)
    throw cfnErrors.validation(`Parameters: [${unknown.join(', ')}] do not exist in the template`);
  const parameters: StackParameter[] = [];
  const values: Record<string, unknown> = {};
  const missing: string[] = [];
  for (const [key, declaration] of Object.entries(declared)) {
    const entry = given.find((g) => g.ParameterKey === key);
    const usePrevious = entry?.UsePreviousValue === true || entry?.UsePreviousValue === 'true';
    const value = usePrevious
      ? previous.find((p) => p.ParameterKey === key)?.ParameterValue
      : (entry?.ParameterValue ?? (declaration.Default === undefined ? undefined : String(declaration.Default)));
    if (value === undefined) {
      missing.push(key);
      continue;
    }
    if (declaration.AllowedValues && !declaration.AllowedValues.map(String).includes(value)) {
      throw cfnErrors.validation(`Parameter '${key}' must be one of AllowedValues`);
    }
    if (declaration.AllowedPattern && !new RegExp(`^(?:${declaration.AllowedPattern})$`).test(value)) {
      throw cfnErrors.validation(`Parameter '${key}' must match pattern ${declaration.AllowedPattern}`);
    }
    if (declaration.Type === 'Number' && Number.isNaN(Number(value))) {
      throw cfnErrors.validation(`Parameter '${key}' must be a number not '${value}'`);
    }
    const ssm = SSM_TYPE.exec(declaration.Type);
    if (ssm) {
      const resolved = await readParameter(value);
      if (resolved === undefined) {
        throw cfnErrors.validation(`Unable to fetch parameters [${value}] from parameter store for this account.`);
      }
      parameters.push({ ParameterKey: key, ParameterValue: value, ResolvedValue: resolved });
      values[key] = ssm[1]?.startsWith('List<') ? resolved.split(',') : resolved;
      continue;
    }
    parameters.push({ ParameterKey: key, ParameterValue: value });
    values[key] =
      declaration.Type === 'CommaDelimitedList' || declaration.Type.startsWith('List<') ? value.split(',') : value;
  }
  if (missing.length > 0) throw cfnErrors.validation(`Parameters: [${missing.join(', ')}] must have values`);
  return { parameters, values };
}
