import { constraintViolation } from '../../awsError.js';
import { parse as parseYaml, type Tags } from 'yaml';
import { cfnErrors } from '../cfnErrors.js';

/** A template as JSON, the sections the sandbox reads. */
export interface Template {
  readonly AWSTemplateFormatVersion?: string;
  readonly Description?: string;
  readonly Metadata?: Record<string, unknown>;
  readonly Parameters?: Record<string, ParameterDeclaration>;
  readonly Mappings?: Record<string, Record<string, Record<string, unknown>>>;
  readonly Conditions?: Record<string, unknown>;
  readonly Resources: Record<string, ResourceDeclaration>;
  readonly Outputs?: Record<string, OutputDeclaration>;
  readonly Transform?: unknown;
  readonly Rules?: unknown;
}

export interface ParameterDeclaration {
  readonly Type: string;
  readonly Default?: unknown;
  readonly Description?: string;
  readonly NoEcho?: unknown;
  readonly AllowedValues?: readonly unknown[];
  readonly AllowedPattern?: string;
}

export interface ResourceDeclaration {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly DependsOn?: string | readonly string[];
  readonly Condition?: string;
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
  readonly Metadata?: unknown;
}

export interface OutputDeclaration {
  readonly Value: unknown;
  readonly Description?: string;
  readonly Condition?: string;
  readonly Export?: { readonly Name: unknown };
}

/** CloudFormation's limit on TemplateBody (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html). */
export const MAX_TEMPLATE_BODY_BYTES = 51_200;
export const MAX_TEMPLATE_URL_BYTES = 1_000_000;

const FUNCTIONS = [
  'Base64',
  'Cidr',
  'FindInMap',
  'GetAZs',
  'ImportValue',
  'Join',
  'Select',
  'Split',
  'Sub',
  'Transform',
];
const CONDITIONS = ['And', 'Equals', 'If', 'Not', 'Or'];

/** The YAML short forms (`!Ref`, `!GetAtt A.B`, `!Sub`…) as their JSON objects. */
const yamlTags: Tags = [
  { tag: '!Ref', resolve: (value: string) => ({ Ref: value }) },
  { tag: '!Condition', resolve: (value: string) => ({ Condition: value }) },
  { tag: '!GetAtt', resolve: (value: string) => ({ 'Fn::GetAtt': value.split(/\.(.*)/s).slice(0, 2) }) },
  { tag: '!GetAtt', collection: 'seq', resolve: (seq) => ({ 'Fn::GetAtt': seq.toJSON() }) },
  ...[...FUNCTIONS, ...CONDITIONS].flatMap((name) => [
    { tag: `!${name}`, resolve: (value: string) => ({ [`Fn::${name}`]: value }) },
    {
      tag: `!${name}`,
      collection: 'seq' as const,
      resolve: (seq: { toJSON(): unknown }) => ({ [`Fn::${name}`]: seq.toJSON() }),
    },
    {
      tag: `!${name}`,
      collection: 'map' as const,
      resolve: (map: { toJSON(): unknown }) => ({ [`Fn::${name}`]: map.toJSON() }),
    },
  ]),
];

/**
 * Parses a template body, JSON or YAML (with the short-form tags), and checks
 * its shape as CloudFormation does before anything is created.
 */
export function parseTemplate(body: unknown, maxBytes = MAX_TEMPLATE_BODY_BYTES): Template {
  if (typeof body !== 'string' || body.trim() === '') {
    throw cfnErrors.validation('Either Template URL or Template Body must be specified.');
  }
  if (Buffer.byteLength(body) > maxBytes) {
    throw cfnErrors.validation(
      maxBytes === MAX_TEMPLATE_BODY_BYTES
        ? constraintViolation(
            'templateBody',
            `${body.slice(0, 20)}…`,
            `Member must have length less than or equal to ${maxBytes}`,
          )
        : `Template may not exceed ${maxBytes} bytes in size.`,
    );
  }
  let parsed: unknown;
  try {
    parsed = body.trimStart().startsWith('{') ? JSON.parse(body) : parseYaml(body, { customTags: yamlTags });
  } catch (error) {
    const format = body.trimStart().startsWith('{') ? 'JSON not well-formed.' : 'YAML not well-formed.';
    throw cfnErrors.templateFormat(`${format} (${(error as Error).message.split('\n')[0]})`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw cfnErrors.templateFormat('unsupported structure.');
  const template = parsed as Template;
  if (template.Transform !== undefined) {
    throw cfnErrors.validation(
      `The dynamo-dr sandbox does not run template transforms (Transform: ${JSON.stringify(template.Transform)}); deploy the processed template.`,
    );
  }
  if (!template.Resources || typeof template.Resources !== 'object' || Object.keys(template.Resources).length === 0) {
    throw cfnErrors.templateFormat('At least one Resources member must be defined.');
  }
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (!/^[A-Za-z0-9]+$/.test(id)) throw cfnErrors.templateFormat(`Resource name ${id} is non alphanumeric.`);
    if (!resource || typeof resource.Type !== 'string') {
      throw cfnErrors.templateFormat(`[/Resources/${id}] Every Resources object must contain a Type member.`);
    }
  }
  for (const [name, parameter] of Object.entries(template.Parameters ?? {})) {
    if (!parameter || typeof parameter.Type !== 'string') {
      throw cfnErrors.templateFormat(`[/Parameters/${name}] Every Parameters object must contain a Type member.`);
    }
  }
  return template;
}
