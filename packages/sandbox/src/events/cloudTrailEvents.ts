import { randomBytes, randomUUID } from 'node:crypto';
import { AwsError } from '../awsError.js';
import { tableArn, tableNameOfArn } from '../dynamodb/arns.js';
import { SANDBOX_ACCOUNT } from '../sandboxAccount.js';
import type { SandboxRequest, SandboxResponse, SandboxService } from '../server.js';
import { signingScopeOf } from '../signingScope.js';
import type { EventBus, EventEntry } from './eventBus.js';

const TARGET_PREFIX = 'DynamoDB_20120810.';

/**
 * DynamoDB's control-plane calls that change something: CloudTrail records
 * them as write management events, and EventBridge receives each as an "AWS
 * API Call via CloudTrail" event (read-only calls and item-level data events
 * are not sent by default).
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/logging-using-cloudtrail.html
 */
const MUTATING_CONTROL_PLANE = new Set([
  'CreateBackup',
  'CreateGlobalTable',
  'CreateTable',
  'DeleteBackup',
  'DeleteResourcePolicy',
  'DeleteTable',
  'DisableKinesisStreamingDestination',
  'EnableKinesisStreamingDestination',
  'ExportTableToPointInTime',
  'ImportTable',
  'PutResourcePolicy',
  'RestoreTableFromBackup',
  'RestoreTableToPointInTime',
  'TagResource',
  'UntagResource',
  'UpdateContinuousBackups',
  'UpdateContributorInsights',
  'UpdateGlobalTable',
  'UpdateGlobalTableSettings',
  'UpdateKinesisStreamingDestination',
  'UpdateTable',
  'UpdateTableReplicaAutoScaling',
  'UpdateTimeToLive',
]);

/**
 * Wraps the DynamoDB service so that its mutating control-plane calls, failed
 * ones included (with `errorCode`), are put on the event bus as CloudTrail
 * events, before the client gets its answer (AWS delivers them within minutes).
 */
export function recordingCloudTrail(dynamodb: SandboxService, bus: EventBus): SandboxService {
  return {
    ...dynamodb,
    async handle(req: SandboxRequest): Promise<SandboxResponse> {
      const target = String(req.headers['x-amz-target'] ?? '');
      const eventName = target.slice(TARGET_PREFIX.length);
      if (!target.startsWith(TARGET_PREFIX) || !MUTATING_CONTROL_PLANE.has(eventName)) return dynamodb.handle(req);
      let response: SandboxResponse;
      try {
        response = await dynamodb.handle(req);
      } catch (error) {
        if (error instanceof AwsError) bus.put(req.region, cloudTrailEvent(req, eventName, { error }));
        throw error;
      }
      bus.put(req.region, cloudTrailEvent(req, eventName, { response }));
      return response;
    },
  };
}

/**
 * The "AWS API Call via CloudTrail" event of one call: the CloudTrail record
 * (request parameters and response elements with lower-camel-case names, as
 * CloudTrail writes them) as its detail.
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html
 */
function cloudTrailEvent(
  req: SandboxRequest,
  eventName: string,
  outcome: { response?: SandboxResponse; error?: AwsError },
): EventEntry {
  const request = parse(req.body) ?? {};
  const body = outcome.response && parse(outcome.response.body);
  const failed = outcome.error ?? (outcome.response && outcome.response.statusCode >= 400 ? errorOf(body) : undefined);
  const accessKeyId = signingScopeOf(req)?.accessKeyId;
  const now = Date.now();
  const table = tableNameOf(request);
  return {
    source: 'aws.dynamodb',
    detailType: 'AWS API Call via CloudTrail',
    timeMs: now,
    detail: {
      eventVersion: '1.09',
      // The sandbox checks no credentials, so it cannot tell who called: CloudTrail's type for that.
      userIdentity: { type: 'Unknown', accountId: SANDBOX_ACCOUNT, ...(accessKeyId ? { accessKeyId } : {}) },
      eventTime: new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      eventSource: 'dynamodb.amazonaws.com',
      eventName,
      awsRegion: req.region,
      sourceIPAddress: '127.0.0.1',
      userAgent: String(req.headers['user-agent'] ?? ''),
      requestParameters: lowerCamel(request),
      responseElements: failed || !body ? null : lowerCamel(body),
      ...(failed ? { errorCode: failed.type, errorMessage: failed.message } : {}),
      requestID: randomBytes(26).toString('hex').toUpperCase().slice(0, 52),
      eventID: randomUUID(),
      readOnly: false,
      ...(table
        ? {
            resources: [{ accountId: SANDBOX_ACCOUNT, type: 'AWS::DynamoDB::Table', ARN: tableArn(req.region, table) }],
          }
        : {}),
      eventType: 'AwsApiCall',
      apiVersion: '2012-08-10',
      managementEvent: true,
      recipientAccountId: SANDBOX_ACCOUNT,
      eventCategory: 'Management',
    },
  };
}

function parse(body: Buffer | string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body.toString());
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function errorOf(body: Record<string, unknown> | undefined): AwsError {
  const type = String(body?.__type ?? 'UnknownError')
    .split('#')
    .pop() as string;
  return new AwsError(type, String(body?.message ?? body?.Message ?? ''));
}

/** The table a request is about: by name, or in a table, backup or resource ARN. */
function tableNameOf(request: Record<string, unknown>): string | undefined {
  for (const field of ['TableName', 'TargetTableName', 'SourceTableName']) {
    if (typeof request[field] === 'string') return request[field];
  }
  for (const field of ['TableArn', 'ResourceArn', 'BackupArn', 'SourceTableArn']) {
    const arn = request[field];
    if (typeof arn === 'string') return tableNameOfArn(arn.replace(/\/backup\/.*$/, ''));
  }
  return undefined;
}

function lowerCamel(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(lowerCamel);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [key.charAt(0).toLowerCase() + key.slice(1), lowerCamel(v)]),
  );
}
