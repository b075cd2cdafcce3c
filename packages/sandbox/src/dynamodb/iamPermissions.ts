import { jsonTargetRequest, type RequiredPermission } from '../iam/serviceAuthorization.js';
import { SANDBOX_ACCOUNT } from '../sandboxAccount.js';
import type { SandboxRequest } from '../server.js';

/**
 * What DynamoDB request needs which IAM permission on which resource, after the Service Authorization
 * Reference (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazondynamodb.html):
 * most operations need `dynamodb:{Operation}` on the table; Query and Scan with `IndexName` on the index;
 * batches the batch action on every table they name; transactions the item actions per table; backups and
 * exports their own ARNs (exports also `s3:PutObject` into their bucket, imports `s3:GetObject` from theirs);
 * restores their source and their target, plus the read and write actions on the target that AWS requires
 * for restoring into it (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/backuprestore_IAM.html).
 */
export function dynamoDbPermissions(request: SandboxRequest): RequiredPermission[] {
  const parsed = jsonTargetRequest(request);
  if (!parsed) return [];
  const { operation, body } = parsed;
  // AWS accepts a table ARN wherever it takes a table name.
  const table = (name: unknown) =>
    String(name).startsWith('arn:')
      ? String(name)
      : `arn:aws:dynamodb:${request.region}:${SANDBOX_ACCOUNT}:table/${String(name)}`;
  const on = (resource: string, action = operation) => ({ action: `dynamodb:${action}`, resource });
  const named = typeof body.TableName === 'string' ? body.TableName : undefined;
  switch (operation) {
    case 'ListTables':
    case 'ListBackups':
    case 'ListExports':
    case 'ListGlobalTables':
    case 'ListImports':
    case 'DescribeLimits':
    case 'DescribeEndpoints':
      return [on('*')];
    case 'Query':
    case 'Scan':
      if (!named) return [];
      return [on(typeof body.IndexName === 'string' ? `${table(named)}/index/${body.IndexName}` : table(named))];
    case 'BatchGetItem':
    case 'BatchWriteItem':
      return Object.keys(asObject(body.RequestItems)).map((name) => on(table(name)));
    case 'TransactWriteItems':
    case 'TransactGetItems':
      return transactionPermissions(body, table);
    case 'TagResource':
    case 'UntagResource':
    case 'ListTagsOfResource':
      return typeof body.ResourceArn === 'string' ? [on(body.ResourceArn)] : [];
    case 'DescribeBackup':
    case 'DeleteBackup':
      return typeof body.BackupArn === 'string' ? [on(body.BackupArn)] : [];
    case 'DescribeExport':
      return typeof body.ExportArn === 'string' ? [on(body.ExportArn)] : [];
    case 'DescribeImport':
      return typeof body.ImportArn === 'string' ? [on(body.ImportArn)] : [];
    case 'ImportTable': {
      // The caller also reads the source objects (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/S3DataImport.Requesting.html).
      const target = asObject(body.TableCreationParameters).TableName;
      const source = asObject(body.S3BucketSource);
      if (typeof target !== 'string' || typeof source.S3Bucket !== 'string') return [];
      const prefix = typeof source.S3KeyPrefix === 'string' ? source.S3KeyPrefix : '';
      return [
        on(table(target)),
        { action: 's3:ListBucket', resource: `arn:aws:s3:::${source.S3Bucket}` },
        { action: 's3:GetObject', resource: `arn:aws:s3:::${source.S3Bucket}/${prefix}` },
      ];
    }
    case 'ExportTableToPointInTime': {
      // The caller also writes the export's objects, under PREFIX/AWSDynamoDB/ in the bucket
      // (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/S3DataExport.Requesting.html).
      if (typeof body.TableArn !== 'string' || typeof body.S3Bucket !== 'string') return [];
      const prefix = typeof body.S3Prefix === 'string' && body.S3Prefix ? `${body.S3Prefix.replace(/\/$/, '')}/` : '';
      return [
        on(body.TableArn),
        { action: 's3:PutObject', resource: `arn:aws:s3:::${body.S3Bucket}/${prefix}AWSDynamoDB/` },
      ];
    }
    case 'RestoreTableToPointInTime': {
      const source = typeof body.SourceTableArn === 'string' ? body.SourceTableArn : body.SourceTableName;
      if (source === undefined || typeof body.TargetTableName !== 'string') return [];
      const sourceArn = String(source).startsWith('arn:') ? String(source) : table(source);
      return [on(sourceArn), ...restoreTarget(table(body.TargetTableName), operation)];
    }
    case 'RestoreTableFromBackup':
      if (typeof body.BackupArn !== 'string' || typeof body.TargetTableName !== 'string') return [];
      return [on(body.BackupArn), ...restoreTarget(table(body.TargetTableName), operation)];
    default:
      // An operation this list does not name needs its action on the table, or on everything.
      return [on(named ? table(named) : '*')];
  }
}

/** A restore's target: the restore action itself and the item actions AWS requires on the new table. */
function restoreTarget(target: string, operation: string): RequiredPermission[] {
  return [operation, 'BatchWriteItem', 'DeleteItem', 'GetItem', 'PutItem', 'Query', 'Scan', 'UpdateItem'].map(
    (action) => ({ action: `dynamodb:${action}`, resource: target }),
  );
}

const TRANSACT_ACTIONS: Readonly<Record<string, string>> = {
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  ConditionCheck: 'ConditionCheckItem',
  Get: 'GetItem',
};

/** TransactWriteItems / TransactGetItems need each item's own action on its table. */
function transactionPermissions(body: Record<string, unknown>, table: (name: unknown) => string): RequiredPermission[] {
  const items = Array.isArray(body.TransactItems) ? body.TransactItems : [];
  return items.flatMap((item) =>
    Object.entries(asObject(item)).flatMap(([kind, request]) => {
      const action = TRANSACT_ACTIONS[kind];
      const name = asObject(request).TableName;
      return action && typeof name === 'string' ? [{ action: `dynamodb:${action}`, resource: table(name) }] : [];
    }),
  );
}

function asObject(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
