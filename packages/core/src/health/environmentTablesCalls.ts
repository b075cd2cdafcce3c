import {
  DescribeTableCommand,
  ListTagsOfResourceCommand,
  paginateListTables,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';

/** How an environment's tables are recognised: a name prefix, tags (all must match), or both. */
export interface TableSelection {
  readonly tableNamePrefix?: string;
  readonly tableTags: Readonly<Record<string, string>>;
}

/**
 * The names of the tables of the region that belong to an environment by name or by tags. Selecting by tags
 * reads each candidate's tags (DescribeTable for its ARN, then ListTagsOfResource): one pair of calls per
 * table the prefix lets through.
 *
 * @example
 * await environmentTableNames(dynamodb, { tableNamePrefix: 'Prod-', tableTags: {} }); // ['Prod-Orders', ...]
 */
export async function environmentTableNames(dynamodb: DynamoDBClient, selection: TableSelection): Promise<string[]> {
  const names: string[] = [];
  for await (const page of paginateListTables({ client: dynamodb }, {})) {
    for (const name of page.TableNames ?? []) {
      if (selection.tableNamePrefix === undefined || name.startsWith(selection.tableNamePrefix)) names.push(name);
    }
  }
  const wanted = Object.entries(selection.tableTags);
  if (wanted.length === 0) return names;
  const tagged: string[] = [];
  for (const name of names) {
    const tags = await tableTags(dynamodb, name);
    if (wanted.every(([key, value]) => tags.get(key) === value)) tagged.push(name);
  }
  return tagged;
}

async function tableTags(dynamodb: DynamoDBClient, tableName: string): Promise<Map<string, string>> {
  const arn = (await dynamodb.send(new DescribeTableCommand({ TableName: tableName }))).Table?.TableArn;
  const tags = new Map<string, string>();
  let token: string | undefined;
  do {
    const page = await dynamodb.send(new ListTagsOfResourceCommand({ ResourceArn: arn, NextToken: token }));
    for (const tag of page.Tags ?? []) if (tag.Key) tags.set(tag.Key, tag.Value ?? '');
    token = page.NextToken;
  } while (token);
  return tags;
}
