import {
  CreateTableCommand,
  UpdateContinuousBackupsCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { pointInTime, untilActive } from './conformanceTarget.js';

/** Creates an on-demand table keyed by `pk` (S) and `sk` (N) with a GSI on `g`, and waits until it is ACTIVE. */
export async function createTestTable(
  ddb: DynamoDBClient,
  name: string,
  extra: Partial<CreateTableCommandInput> = {},
): Promise<void> {
  await ddb.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'N' },
        { AttributeName: 'g', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byG',
          KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
      ...extra,
    }),
  );
  await untilActive(ddb, name);
}

/**
 * {@link createTestTable} with point-in-time recovery on (`recoveryPeriodInDays`, AWS's default 35), returning once
 * the restorable window has begun: a moment later than the enabling.
 */
export async function createPitrTable(ddb: DynamoDBClient, name: string, recoveryPeriodInDays = 35): Promise<void> {
  await createTestTable(ddb, name);
  await ddb.send(
    new UpdateContinuousBackupsCommand({
      TableName: name,
      PointInTimeRecoverySpecification: {
        PointInTimeRecoveryEnabled: true,
        RecoveryPeriodInDays: recoveryPeriodInDays,
      },
    }),
  );
  await pointInTime();
}
