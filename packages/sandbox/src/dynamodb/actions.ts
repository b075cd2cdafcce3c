import { batchWriteItem } from './actions/batchWriteItem.js';
import { createBackup } from './actions/createBackup.js';
import { createTable } from './actions/createTable.js';
import { deleteBackup } from './actions/deleteBackup.js';
import { deleteItem } from './actions/deleteItem.js';
import { deleteTable } from './actions/deleteTable.js';
import { describeBackup } from './actions/describeBackup.js';
import { describeContinuousBackups } from './actions/describeContinuousBackups.js';
import { describeTable } from './actions/describeTable.js';
import { describeTimeToLive } from './actions/describeTimeToLive.js';
import { listBackups } from './actions/listBackups.js';
import { listTagsOfResource } from './actions/listTagsOfResource.js';
import { putItem } from './actions/putItem.js';
import { refuseUnjournaledWrite } from './actions/refuseUnjournaledWrite.js';
import { restoreTableFromBackup } from './actions/restoreTableFromBackup.js';
import { restoreTableToPointInTime } from './actions/restoreTableToPointInTime.js';
import { tagResource } from './actions/tagResource.js';
import { untagResource } from './actions/untagResource.js';
import { updateContinuousBackups } from './actions/updateContinuousBackups.js';
import { updateItem } from './actions/updateItem.js';
import { updateTable } from './actions/updateTable.js';
import { updateTimeToLive } from './actions/updateTimeToLive.js';
import { describeExport } from './actions/describeExport.js';
import { describeImport } from './actions/describeImport.js';
import { exportTableToPointInTime } from './actions/exportTableToPointInTime.js';
import { importTable } from './actions/importTable.js';
import { listExports } from './actions/listExports.js';
import { listImports } from './actions/listImports.js';
import type { DynamoAction } from './service.js';

/**
 * The DynamoDB operations the sandbox emulates itself (one file per action
 * under `actions/`); all others are dynalite's, forwarded unparsed.
 */
export const dynamoActions: Readonly<Record<string, DynamoAction>> = {
  // Writes, journaled for point-in-time recovery and backups.
  PutItem: putItem,
  UpdateItem: updateItem,
  DeleteItem: deleteItem,
  BatchWriteItem: batchWriteItem,
  TransactWriteItems: refuseUnjournaledWrite('TransactWriteItems'),
  ExecuteStatement: refuseUnjournaledWrite('ExecuteStatement'),
  BatchExecuteStatement: refuseUnjournaledWrite('BatchExecuteStatement'),
  ExecuteTransaction: refuseUnjournaledWrite('ExecuteTransaction'),
  // Tables: the sandbox keeps what dynalite drops or lacks.
  CreateTable: createTable,
  DescribeTable: describeTable,
  UpdateTable: updateTable,
  DeleteTable: deleteTable,
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsOfResource: listTagsOfResource,
  UpdateTimeToLive: updateTimeToLive,
  DescribeTimeToLive: describeTimeToLive,
  // Point-in-time recovery and on-demand backups.
  UpdateContinuousBackups: updateContinuousBackups,
  DescribeContinuousBackups: describeContinuousBackups,
  RestoreTableToPointInTime: restoreTableToPointInTime,
  CreateBackup: createBackup,
  DescribeBackup: describeBackup,
  ListBackups: listBackups,
  DeleteBackup: deleteBackup,
  RestoreTableFromBackup: restoreTableFromBackup,
  // Exports to and imports from the sandbox's S3 subset.
  ExportTableToPointInTime: exportTableToPointInTime,
  DescribeExport: describeExport,
  ListExports: listExports,
  ImportTable: importTable,
  DescribeImport: describeImport,
  ListImports: listImports,
};
