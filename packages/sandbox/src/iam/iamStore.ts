import type { AwsError } from '../awsError.js';
import { JsonStateFile } from '../jsonStateFile.js';
import { SANDBOX_ACCOUNT } from '../sandboxAccount.js';
import { noSuchEntity } from './iamErrors.js';
import { AWS_MANAGED_POLICIES, awsManagedPolicy } from './managedPolicies.js';
import type { NamedPolicy } from './policyEvaluation.js';
import { parsePolicyDocument } from './policyDocument.js';

export interface Tag {
  readonly Key: string;
  readonly Value: string;
}

/** A role as GetRole describes it, plus its inline policies and attached managed policy ARNs. */
export interface RoleRecord {
  readonly RoleName: string;
  readonly RoleId: string;
  readonly Arn: string;
  readonly Path: string;
  readonly CreateDate: string;
  /** The trust policy as it was given (GetRole returns it URL-encoded). */
  AssumeRolePolicyDocument: string;
  Description?: string;
  MaxSessionDuration: number;
  Tags: Tag[];
  /** Inline policies by name: their documents as given. */
  inline: Record<string, string>;
  attached: string[];
}

export interface PolicyVersionRecord {
  readonly VersionId: string;
  readonly Document: string;
  readonly CreateDate: string;
}

/** A customer managed policy. */
export interface ManagedPolicyRecord {
  readonly PolicyName: string;
  readonly PolicyId: string;
  readonly Arn: string;
  readonly Path: string;
  readonly Description?: string;
  readonly CreateDate: string;
  UpdateDate: string;
  DefaultVersionId: string;
  versions: PolicyVersionRecord[];
  Tags: Tag[];
}

/** A managed policy, customer or AWS, as the API describes it. */
export interface PolicyView {
  readonly PolicyName: string;
  readonly PolicyId: string;
  readonly Arn: string;
  readonly Path: string;
  readonly DefaultVersionId: string;
  readonly AttachmentCount: number;
  readonly PermissionsBoundaryUsageCount: number;
  readonly IsAttachable: boolean;
  readonly Description?: string;
  readonly CreateDate: string;
  readonly UpdateDate: string;
  readonly Tags?: Tag[];
}

interface IamState {
  roles: Record<string, RoleRecord>;
  policies: Record<string, ManagedPolicyRecord>;
}

/** The date AWS gives its managed policies' creation; they predate every sandbox. */
const AWS_POLICY_DATE = '2015-04-09T15:03:43Z';

/**
 * IAM's state: roles (with inline and attached policies) and customer managed policies. IAM is global, so
 * this is one store for every Region, in memory or in `file`.
 */
export class IamStore {
  private readonly state: JsonStateFile<IamState>;

  constructor(file?: string) {
    this.state = new JsonStateFile(file, () => ({ roles: {}, policies: {} }));
  }

  get roles(): Record<string, RoleRecord> {
    return this.state.data.roles;
  }

  get customerPolicies(): Record<string, ManagedPolicyRecord> {
    return this.state.data.policies;
  }

  save(): void {
    this.state.save();
  }

  /** The role; NoSuchEntity with IAM's text if there is none. */
  role(name: string): RoleRecord {
    const role = this.state.data.roles[name];
    if (!role) throw noSuchEntity(`The role with name ${name} cannot be found.`);
    return role;
  }

  /** The role an ARN names, if it is one of this account's roles. */
  roleByArn(arn: string): RoleRecord | undefined {
    return Object.values(this.state.data.roles).find((r) => r.Arn === arn);
  }

  /** A managed policy by ARN (AWS's built-in set or the account's); NoSuchEntity with IAM's text if none. */
  policy(arn: string): PolicyView {
    const builtIn = awsManagedPolicy(arn);
    if (builtIn) {
      return {
        PolicyName: builtIn.name,
        PolicyId: `ANPA${builtIn.name
          .toUpperCase()
          .replace(/[^A-Z0-9]/g, '')
          .slice(0, 17)
          .padEnd(17, 'A')}`,
        Arn: builtIn.arn,
        Path: builtIn.path,
        DefaultVersionId: builtIn.versionId,
        AttachmentCount: this.attachmentCount(arn),
        PermissionsBoundaryUsageCount: 0,
        IsAttachable: true,
        Description: builtIn.description,
        CreateDate: AWS_POLICY_DATE,
        UpdateDate: AWS_POLICY_DATE,
      };
    }
    const policy = this.state.data.policies[arn];
    if (!policy) throw policyNotFound(arn);
    const { versions: _versions, ...view } = policy;
    return {
      ...view,
      AttachmentCount: this.attachmentCount(arn),
      PermissionsBoundaryUsageCount: 0,
      IsAttachable: true,
    };
  }

  /** One version's document as given; NoSuchEntity if the policy or the version does not exist. */
  policyVersion(arn: string, versionId: string): PolicyVersionRecord & { IsDefaultVersion: boolean } {
    const builtIn = awsManagedPolicy(arn);
    if (builtIn) {
      if (versionId !== builtIn.versionId) throw versionNotFound(arn, versionId);
      return { VersionId: versionId, Document: builtIn.document, CreateDate: AWS_POLICY_DATE, IsDefaultVersion: true };
    }
    const policy = this.state.data.policies[arn];
    if (!policy) throw policyNotFound(arn);
    const version = policy.versions.find((v) => v.VersionId === versionId);
    if (!version) throw versionNotFound(arn, versionId);
    return { ...version, IsDefaultVersion: version.VersionId === policy.DefaultVersionId };
  }

  attachmentCount(arn: string): number {
    return Object.values(this.state.data.roles).filter((r) => r.attached.includes(arn)).length;
  }

  /**
   * The identity-based policies of the role an ARN names, parsed, for evaluation: its inline policies and
   * the default version of each attached managed policy. A role that does not exist has none.
   */
  policiesOfRole(arn: string): NamedPolicy[] {
    const role = this.roleByArn(arn);
    if (!role) return [];
    const inline = Object.entries(role.inline).map(([name, text]) => ({
      id: name,
      type: 'role' as const,
      document: parsePolicyDocument(text, 'identity'),
    }));
    const attached = role.attached.map((arn) => {
      const version = this.policyVersion(arn, this.policy(arn).DefaultVersionId);
      const type = awsManagedPolicy(arn) ? ('aws-managed' as const) : ('user-managed' as const);
      return { id: arn, type, document: parsePolicyDocument(version.Document, 'identity') };
    });
    return [...inline, ...attached];
  }
}

export function policyNotFound(arn: string): AwsError {
  const known = AWS_MANAGED_POLICIES.map((p) => p.name).join(', ');
  const hint = arn.startsWith('arn:aws:iam::aws:policy/')
    ? ` (the dynamo-dr sandbox knows only these AWS managed policies: ${known}; grant what you need with an inline or customer managed policy)`
    : '';
  return noSuchEntity(`Policy ${arn} does not exist or is not attachable.${hint}`);
}

function versionNotFound(arn: string, versionId: string): AwsError {
  return noSuchEntity(`Policy ${arn} version ${versionId} does not exist or is not attachable.`);
}

export function roleArn(path: string, name: string): string {
  return `arn:aws:iam::${SANDBOX_ACCOUNT}:role${path}${name}`;
}

export function customerPolicyArn(path: string, name: string): string {
  return `arn:aws:iam::${SANDBOX_ACCOUNT}:policy${path}${name}`;
}
