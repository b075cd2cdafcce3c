import { randomUUID } from 'node:crypto';
import { JsonStateFile } from '../jsonStateFile.js';
import type { StackParameter } from './template/templateParameters.js';

/** A resource of a stack, as DescribeStackResources reports it, with what the sandbox needs to update and delete it. */
export interface ResourceRecord {
  readonly LogicalResourceId: string;
  PhysicalResourceId?: string;
  ResourceType: string;
  ResourceStatus: string;
  ResourceStatusReason?: string;
  Timestamp: string;
  /** The properties it was created or last updated with, resolved. */
  properties: Record<string, unknown>;
  /** Its properties as the template declared them, references to resources unresolved (for change sets). */
  declared?: unknown;
  /** Its Fn::GetAtt values. */
  attributes: Record<string, unknown>;
  DeletionPolicy?: string;
  /** Not created in the sandbox, only recorded (see resourceTypes.ts). */
  recordedOnly?: boolean;
}

export interface StackEvent {
  readonly StackId: string;
  readonly EventId: string;
  readonly StackName: string;
  readonly LogicalResourceId: string;
  readonly PhysicalResourceId?: string;
  readonly ResourceType: string;
  readonly Timestamp: string;
  readonly ResourceStatus: string;
  readonly ResourceStatusReason?: string;
}

export interface StackOutput {
  readonly OutputKey: string;
  readonly OutputValue: string;
  readonly Description?: string;
  readonly ExportName?: string;
}

/** A change set, as DescribeChangeSet reports it, with the template and parameters it would apply. */
export interface ChangeSetRecord {
  readonly ChangeSetId: string;
  readonly ChangeSetName: string;
  readonly StackId: string;
  readonly StackName: string;
  readonly Description?: string;
  readonly ChangeSetType: 'CREATE' | 'UPDATE';
  readonly CreationTime: string;
  Status: string;
  StatusReason?: string;
  ExecutionStatus: string;
  readonly Capabilities: string[];
  readonly Parameters: StackParameter[];
  readonly Changes: unknown[];
  readonly templateBody: string;
  /** The template came from a TemplateURL (CloudFormation allows those larger). */
  readonly fromUrl: boolean;
}

export interface StackRecord {
  readonly StackId: string;
  readonly StackName: string;
  Description?: string;
  Parameters: StackParameter[];
  readonly CreationTime: string;
  LastUpdatedTime?: string;
  DeletionTime?: string;
  StackStatus: string;
  StackStatusReason?: string;
  DisableRollback: boolean;
  Capabilities: string[];
  Outputs: StackOutput[];
  Tags: { Key: string; Value: string }[];
  templateBody: string;
  resources: Record<string, ResourceRecord>;
  /** Oldest first (DescribeStackEvents answers newest first). */
  events: StackEvent[];
  changeSets: Record<string, ChangeSetRecord>;
}

/**
 * CloudFormation's stacks per Region (by stack id), in memory and, when `file`
 * is set, in that JSON file. A stack operation that was in progress when the
 * sandbox stopped is not resumed: its stack is marked failed at the next start.
 */
export class StackStore {
  private readonly state: JsonStateFile<{ stacks: Record<string, StackRecord> }>;

  constructor(file?: string) {
    this.state = new JsonStateFile(file, () => ({ stacks: {} }));
    this.failInterrupted();
  }

  get stacks(): Record<string, StackRecord> {
    return this.state.data.stacks;
  }

  save(): void {
    this.state.save();
  }

  /** The live (not deleted) stack with this name, or the stack with this id (deleted ones too). */
  find(nameOrId: string): StackRecord | undefined {
    if (nameOrId.startsWith('arn:')) return this.stacks[nameOrId];
    return Object.values(this.stacks).find((s) => s.StackName === nameOrId && s.StackStatus !== 'DELETE_COMPLETE');
  }

  /** Appends an event (a stack's own when `resource` is absent). */
  event(stack: StackRecord, status: string, reason?: string, resource?: ResourceRecord): void {
    stack.events.push({
      StackId: stack.StackId,
      EventId: randomUUID(),
      StackName: stack.StackName,
      LogicalResourceId: resource?.LogicalResourceId ?? stack.StackName,
      PhysicalResourceId: resource ? resource.PhysicalResourceId : stack.StackId,
      ResourceType: resource?.ResourceType ?? 'AWS::CloudFormation::Stack',
      Timestamp: new Date().toISOString(),
      ResourceStatus: status,
      ...(reason !== undefined && { ResourceStatusReason: reason }),
    });
    if (resource) {
      resource.ResourceStatus = status;
      resource.ResourceStatusReason = reason;
      resource.Timestamp = new Date().toISOString();
    } else {
      stack.StackStatus = status;
      stack.StackStatusReason = reason;
    }
    this.save();
  }

  private failInterrupted(): void {
    const failed: Record<string, string> = {
      CREATE_IN_PROGRESS: 'CREATE_FAILED',
      ROLLBACK_IN_PROGRESS: 'ROLLBACK_FAILED',
      DELETE_IN_PROGRESS: 'DELETE_FAILED',
      UPDATE_IN_PROGRESS: 'UPDATE_ROLLBACK_FAILED',
      UPDATE_COMPLETE_CLEANUP_IN_PROGRESS: 'UPDATE_COMPLETE',
      UPDATE_ROLLBACK_IN_PROGRESS: 'UPDATE_ROLLBACK_FAILED',
      UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS: 'UPDATE_ROLLBACK_COMPLETE',
    };
    for (const stack of Object.values(this.stacks)) {
      const status = failed[stack.StackStatus];
      if (status) this.event(stack, status, 'The dynamo-dr sandbox stopped during this operation; it was not resumed.');
    }
  }
}
