import type { CloudFormationAction, CloudFormationContext } from '../service.js';
import {
  MAX_TEMPLATE_BODY_BYTES,
  MAX_TEMPLATE_URL_BYTES,
  parseTemplate,
  type Template,
} from '../template/parseTemplate.js';
import { findStack, templateBodyOf } from './stackParams.js';

/** The template's declared parameters, description and needed capabilities, as ValidateTemplate and GetTemplateSummary report them. */
function summaryOf(template: Template) {
  const iam = Object.values(template.Resources).filter((r) => r.Type.startsWith('AWS::IAM::'));
  const named = iam.some((r) =>
    Object.keys(r.Properties ?? {}).some((p) => /^(Role|User|Group|ManagedPolicy|InstanceProfile)Name$/.test(p)),
  );
  return {
    Description: template.Description,
    Capabilities: iam.length === 0 ? [] : [named ? 'CAPABILITY_NAMED_IAM' : 'CAPABILITY_IAM'],
    ...(iam.length > 0 && {
      CapabilitiesReason: `The following resource(s) require capabilities: [${[...new Set(iam.map((r) => r.Type))].join(', ')}]`,
    }),
    parameters: Object.entries(template.Parameters ?? {}).map(([key, p]) => ({
      ParameterKey: key,
      DefaultValue: p.Default === undefined ? undefined : String(p.Default),
      NoEcho: String(p.NoEcho) === 'true',
      Description: p.Description,
      ParameterType: p.Type,
      ...(p.AllowedValues && { ParameterConstraints: { AllowedValues: p.AllowedValues.map(String) } }),
    })),
  };
}

async function parsedTemplate(params: Record<string, unknown>, context: CloudFormationContext): Promise<Template> {
  const { body, fromUrl } = await templateBodyOf(params, context);
  return parseTemplate(body, fromUrl ? MAX_TEMPLATE_URL_BYTES : MAX_TEMPLATE_BODY_BYTES);
}

/** ValidateTemplate (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ValidateTemplate.html). */
export const validateTemplate: CloudFormationAction = async (params, context) => {
  const { parameters, ...summary } = summaryOf(await parsedTemplate(params, context));
  return { ...summary, Parameters: parameters.map(({ ParameterType: _type, ParameterConstraints: _c, ...p }) => p) };
};

/** GetTemplateSummary of a template or of a stack's (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_GetTemplateSummary.html). */
export const getTemplateSummary: CloudFormationAction = async (params, context) => {
  const template =
    typeof params.StackName === 'string'
      ? parseTemplate(findStack(context.store, params.StackName).templateBody, MAX_TEMPLATE_URL_BYTES)
      : await parsedTemplate(params, context);
  const { parameters, ...summary } = summaryOf(template);
  return {
    ...summary,
    Parameters: parameters,
    ResourceTypes: [...new Set(Object.values(template.Resources).map((r) => r.Type))],
    Version: template.AWSTemplateFormatVersion ?? '2010-09-09',
    DeclaredTransforms: [],
  };
};
