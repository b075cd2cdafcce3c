import type { DynamoStore } from './store/dynamoStore.js';
import type { TableInstance } from './store/tableInstance.js';

const BATCH = 25;
const CONCURRENCY = 8;

/**
 * Writes a restored table's items (its journal, seeded at restore) into
 * dynalite, then marks it loaded; the table turns ACTIVE once also its
 * configured restore time has passed. Idempotent: after a restart, an
 * unfinished load runs again from the start.
 */
export async function loadRestoredItems(store: DynamoStore, instance: TableInstance): Promise<void> {
  try {
    await untilActiveInDynalite(store, instance.name);
    const items = [...store.journal(instance).current.values()];
    // Items are already JSON: batches are built as text, nothing is parsed.
    const prefix = `{"RequestItems":{${JSON.stringify(instance.name)}:[`;
    let next = 0;
    const worker = async () => {
      while (next < items.length && !store.closed) {
        const chunk = items.slice(next, next + BATCH);
        next += BATCH;
        let body = `${prefix}${chunk.map((item) => `{"PutRequest":{"Item":${item}}}`).join(',')}]}}`;
        for (;;) {
          const result = await store.dynalite.call<{ UnprocessedItems?: Record<string, unknown> }>(
            'BatchWriteItem',
            undefined,
            body,
          );
          if (!result.UnprocessedItems || Object.keys(result.UnprocessedItems).length === 0) break;
          body = JSON.stringify({ RequestItems: result.UnprocessedItems });
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    if (store.closed || !instance.restore) return;
    instance.restore.loaded = true;
    store.save();
  } catch (error) {
    // The table stays CREATING (as a stuck AWS restore would); say why loudly.
    if (!store.closed) console.error(`[dynamo-dr sandbox] restoring table ${instance.name} failed`, error);
  }
}

/** Resumes the loads a previous run of the sandbox left unfinished. */
export function resumeRestores(store: DynamoStore): void {
  for (const instance of store.liveTables()) {
    if (instance.restore && !instance.restore.loaded) void loadRestoredItems(store, instance);
  }
}

async function untilActiveInDynalite(store: DynamoStore, name: string): Promise<void> {
  for (;;) {
    const { Table } = await store.dynalite.call<{
      Table: { TableStatus: string; GlobalSecondaryIndexes?: { IndexStatus: string }[] };
    }>('DescribeTable', { TableName: name });
    const indexesActive = (Table.GlobalSecondaryIndexes ?? []).every((i) => i.IndexStatus === 'ACTIVE');
    if (Table.TableStatus === 'ACTIVE' && indexesActive) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
