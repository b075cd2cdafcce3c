/** A CloudFormation template as JSON. */
export interface TemplateJson {
  readonly Resources: Record<string, { Type: string; Properties?: Record<string, unknown>; Metadata?: unknown }>;
}

/** An IAM statement as a test compares it: actions and resources sorted, intrinsics written out. */
export interface ReadStatement {
  readonly actions: string[];
  readonly resources: string[];
  readonly conditions?: unknown;
}

/** Fixed values for the pseudo parameters, so that definitions read as ARNs a validator accepts. */
const PSEUDO: Record<string, string> = {
  'AWS::Partition': 'aws',
  'AWS::Region': 'eu-west-1',
  'AWS::AccountId': '111122223333',
  'AWS::URLSuffix': 'amazonaws.com',
};

/**
 * Writes out CloudFormation intrinsics as strings: `{Ref: AWS::Region}` → `eu-west-1`, `{Ref: Table}` → the
 * table's name, `Fn::GetAtt [Fn, Arn]` → the function's ARN (or `<Id.Arn>` for other resources), `Fn::Join`
 * joined: what the template says, readable and comparable.
 */
export function written(value: unknown, template: TemplateJson): unknown {
  if (Array.isArray(value)) return value.map((v) => written(v, template));
  if (!value || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  if ('Ref' in object) {
    const id = String(object.Ref);
    if (PSEUDO[id]) return PSEUDO[id];
    const resource = template.Resources[id];
    if (resource?.Type === 'AWS::DynamoDB::Table') return resource.Properties?.TableName;
    return `<${id}>`;
  }
  if ('Fn::GetAtt' in object) {
    const [id, attribute] = object['Fn::GetAtt'] as [string, string];
    const resource = template.Resources[id];
    if (resource?.Type === 'AWS::Lambda::Function' && attribute === 'Arn') {
      return `arn:aws:lambda:eu-west-1:111122223333:function:${String(resource.Properties?.FunctionName)}`;
    }
    if (resource?.Type === 'AWS::DynamoDB::Table' && attribute === 'Arn') {
      return `arn:aws:dynamodb:eu-west-1:111122223333:table/${String(resource.Properties?.TableName)}`;
    }
    return `<${id}.${attribute}>`;
  }
  if ('Fn::Join' in object) {
    const [separator, parts] = object['Fn::Join'] as [string, unknown[]];
    return parts.map((part) => written(part, template)).join(separator);
  }
  return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, written(v, template)]));
}

/** Every role's statements (inline policies and the policies attached to it), by the role's logical id. */
export function roleStatements(template: TemplateJson): Map<string, ReadStatement[]> {
  const roles = new Map<string, ReadStatement[]>();
  const add = (roleId: string, document: unknown) => {
    const statements = ((document as { Statement: Record<string, unknown>[] }).Statement ?? []).map(readStatement);
    roles.set(roleId, [...(roles.get(roleId) ?? []), ...statements]);
  };
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (resource.Type === 'AWS::IAM::Role') {
      roles.set(id, roles.get(id) ?? []);
      for (const policy of (resource.Properties?.Policies as { PolicyDocument: unknown }[]) ?? []) {
        add(id, written(policy.PolicyDocument, template));
      }
    }
  }
  for (const resource of Object.values(template.Resources)) {
    if (resource.Type !== 'AWS::IAM::Policy') continue;
    for (const role of resource.Properties?.Roles as { Ref: string }[]) {
      add(role.Ref, written(resource.Properties?.PolicyDocument, template));
    }
  }
  return roles;
}

function readStatement(statement: Record<string, unknown>): ReadStatement {
  const list = (value: unknown) => (Array.isArray(value) ? value : [value]).map(String).sort();
  return {
    actions: list(statement.Action),
    resources: list(statement.Resource),
    ...(statement.Condition ? { conditions: statement.Condition } : {}),
  };
}

/** The resources of one type, by logical id. */
export function resourcesOfType(template: TemplateJson, type: string): [string, Record<string, unknown>][] {
  return Object.entries(template.Resources)
    .filter(([, resource]) => resource.Type === type)
    .map(([id, resource]) => [id, resource.Properties ?? {}]);
}
