import { writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes `dir/dynamo-dr.config.json` naming one environment, its tables by logical name and the stack they are
 * deployed in: what the Step Functions tests run `dynamo-dr` against.
 */
export async function writeDeploymentConfig(
  dir: string,
  environment: string,
  tables: Readonly<Record<string, string>>,
  deployment: { readonly stackName: string; readonly s3Bucket?: string },
  defaults?: Readonly<Record<string, unknown>>,
): Promise<void> {
  const configured = Object.fromEntries(Object.entries(tables).map(([logical, tableName]) => [logical, { tableName }]));
  await writeFile(
    path.join(dir, 'dynamo-dr.config.json'),
    JSON.stringify({
      environments: { [environment]: { tables: configured, deployment } },
      ...(defaults && { defaults }),
    }),
  );
}
