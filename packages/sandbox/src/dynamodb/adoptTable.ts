import { randomUUID } from 'node:crypto';
import type { DynamoStore } from './store/dynamoStore.js';
import { itemKey, type TableInstance } from './store/tableInstance.js';
import { keyNamesOf } from './tableDescription.js';

/**
 * Starts tracking a table dynalite has but the sandbox does not know (one
 * created in a data directory before the sandbox kept its own state): its
 * current items become the first journal entries, so later restores and
 * backups still see them. Returns undefined when dynalite has no such table.
 */
export function adoptTable(store: DynamoStore, name: string): Promise<TableInstance | undefined> {
  let adoption = store.adopting.get(name);
  if (!adoption) {
    adoption = adopt(store, name).finally(() => store.adopting.delete(name));
    store.adopting.set(name, adoption);
  }
  return adoption;
}

async function adopt(store: DynamoStore, name: string): Promise<TableInstance | undefined> {
  let table: Record<string, unknown>;
  try {
    ({ Table: table } = await store.dynalite.call<{ Table: Record<string, unknown> }>('DescribeTable', {
      TableName: name,
    }));
  } catch {
    return undefined;
  }
  const known = store.table(name);
  if (known) return known;
  // Read every item before the table is tracked: until then, writes to it wait for this adoption.
  const items: unknown[] = [];
  let start: unknown;
  do {
    const page = await store.dynalite.call<{ Items: unknown[]; LastEvaluatedKey?: unknown }>('Scan', {
      TableName: name,
      ExclusiveStartKey: start,
    });
    items.push(...page.Items);
    start = page.LastEvaluatedKey;
  } while (start);
  const instance: TableInstance = {
    id: randomUUID(),
    name,
    createdMs: Math.round((table.CreationDateTime as number) * 1000),
    key: keyNamesOf(table),
    deletionProtection: false,
    tags: [],
  };
  store.register(instance);
  const journal = store.journal(instance);
  const now = store.now();
  for (const item of items) journal.append(now, itemKey(instance.key, item) as string, JSON.stringify(item));
  return instance;
}
