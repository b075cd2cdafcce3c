import { CreateTableCommand, DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll } from 'vitest';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/index.js';

/** A real SDK client on the sandbox; `maxAttempts: 1` shows every throttle instead of retrying it. */
export function sandboxClient(sandbox: Sandbox, maxAttempts = 1): DynamoDBClient {
  return new DynamoDBClient({
    endpoint: sandbox.endpoint,
    region: sandbox.region,
    maxAttempts,
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
  });
}

export async function createTable(ddb: DynamoDBClient, name: string): Promise<void> {
  await ddb.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    }),
  );
}

/** Every partition key in a table, sorted. */
export async function keysIn(ddb: DynamoDBClient, table: string): Promise<string[]> {
  const keys: string[] = [];
  let start: Record<string, never> | undefined;
  do {
    const page = await ddb.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) keys.push(String(item.pk?.S));
    start = page.LastEvaluatedKey as typeof start;
  } while (start);
  return keys.sort();
}

/** A string of `bytes` ASCII characters, to size items exactly. */
export const filler = (bytes: number) => 'x'.repeat(bytes);

/** A sandbox for the tests of one file, with a client and these tables, stopped after them. */
export function useSandbox(
  tables: readonly string[],
  options?: SandboxOptions,
): { sandbox: Sandbox; ddb: DynamoDBClient } {
  const context = {} as { sandbox: Sandbox; ddb: DynamoDBClient };
  beforeAll(async () => {
    context.sandbox = await startSandbox(options);
    context.ddb = sandboxClient(context.sandbox);
    for (const table of tables) await createTable(context.ddb, table);
  });
  afterAll(() => context.sandbox.stop());
  return context;
}
