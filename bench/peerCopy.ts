import { createRequire } from 'node:module';

/** Where copy-dynamodb-table's AWS SDK v2 client goes. */
export interface PeerTarget {
  readonly region: string;
  /** An endpoint other than the Region's (SDK v2 reads no `AWS_ENDPOINT_URL`). */
  readonly endpoint?: string;
  /** Static credentials (a sandbox's); absent: SDK v2's default chain (environment, shared files, role). */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/** copy-dynamodb-table's own API (callback style): copies `source` into the existing table `destination`. */
export function copyDynamodbTable(source: string, destination: string, target: PeerTarget): Promise<void> {
  const require = createRequire(import.meta.url);
  const { copy } = require('copy-dynamodb-table') as {
    copy: (options: unknown, done: (error: unknown, result: { count: number }) => void) => void;
  };
  const config = { region: target.region, endpoint: target.endpoint, ...target.credentials };
  return new Promise((resolve, reject) =>
    copy({ config, source: { tableName: source }, destination: { tableName: destination }, log: false }, (error) =>
      error ? reject(error) : resolve(),
    ),
  );
}
