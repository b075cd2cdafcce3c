import type { AddressInfo } from 'node:net';
import { startDynalite } from './dynaliteProcess.js';
import { DynaliteClient } from './dynaliteClient.js';
import { dynamoDbService } from './dynamodb/service.js';
import { dynamoActions } from './dynamodb/actions.js';
import { resumeRestores } from './dynamodb/restoreLoader.js';
import { DynamoStore } from './dynamodb/store/dynamoStore.js';
import { createServer } from './server.js';
import { FaultMiddleware } from './faults/faultMiddleware.js';
import { faultAdminService } from './faults/adminService.js';
import type { LatencyFaults } from './faults/latencyFaults.js';
import type { TableFaults, TableFaultStats } from './faults/tableFaults.js';
import { lambdaService } from './lambda/service.js';
import { ssmService } from './ssm/service.js';

export interface SandboxOptions {
  /** Port on 127.0.0.1. @default 0 (any free port) */
  readonly port?: number;
  /** Directory where tables, journal and backups persist across restarts. @default in memory */
  readonly dataDir?: string;
  /** Region used when a request carries none. @default 'us-east-1' */
  readonly region?: string;
  /**
   * How far DescribeContinuousBackups' LatestRestorableDateTime trails now.
   * AWS's is typically ~5 minutes (300000); 0 lets tests restore to a moment ago.
   * @default 0
   */
  readonly latestRestorableLagMs?: number;
  /** How long every restored table stays CREATING at least. @default 100 */
  readonly restoreBaseMs?: number;
  /** Extra CREATING time per restored item (restore time grows with size, as on AWS). @default 0 */
  readonly restorePerItemMs?: number;
  /** How long a new on-demand backup stays CREATING before AVAILABLE. @default 100 */
  readonly backupCreateMs?: number;
  /** Faults to inject per table name (see docs/sandbox-faults.md). @default none */
  readonly faults?: Readonly<Record<string, TableFaults>>;
  /** Delay before every DynamoDB request is answered, per operation class (a table's own comes first). @default none */
  readonly latency?: LatencyFaults;
}

export interface Sandbox {
  /** `http://127.0.0.1:PORT`: give it to SDK clients as `endpoint`, or export it as `AWS_ENDPOINT_URL`. */
  readonly endpoint: string;
  readonly port: number;
  readonly region: string;
  /** Environment variables that point unmodified AWS SDK v3 clients and the AWS CLI at the sandbox. */
  readonly env: Readonly<Record<string, string>>;
  /**
   * The same, as configuration for any AWS SDK v3 client (the sandbox checks no signature).
   * @example new DynamoDBClient(sandbox.clientConfig)
   */
  readonly clientConfig: {
    readonly endpoint: string;
    readonly region: string;
    readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  };
  stop(): Promise<void>;
  /** Sets a table's faults (restarting its counters), or clears them with `undefined`. Throws FaultConfigError. */
  setFaults(table: string, faults: TableFaults | undefined): void;
  /** What fault injection did to a table since its faults were set; `undefined` if it has none. */
  faultStats(table: string): TableFaultStats | undefined;
  /** Sets the latency of every DynamoDB request, or clears it with `undefined`. Throws FaultConfigError. */
  setLatency(latency: LatencyFaults | undefined): void;
}

/**
 * Starts the local AWS endpoint.
 *
 * @example
 * const sandbox = await startSandbox();
 * const ddb = new DynamoDBClient({ endpoint: sandbox.endpoint, region: sandbox.region });
 * // ...
 * await sandbox.stop();
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const region = options.region ?? 'us-east-1';
  const faults = new FaultMiddleware(options.faults, options.latency); // validates before anything starts
  const dynalite = await startDynalite({ path: options.dataDir ? `${options.dataDir}/dynalite` : undefined });
  const client = new DynaliteClient(dynalite.endpoint);
  const store = DynamoStore.open(
    client,
    {
      latestRestorableLagMs: options.latestRestorableLagMs ?? 0,
      restoreBaseMs: options.restoreBaseMs ?? 100,
      restorePerItemMs: options.restorePerItemMs ?? 0,
      backupCreateMs: options.backupCreateMs ?? 100,
    },
    options.dataDir ? `${options.dataDir}/sandbox` : undefined,
  );
  resumeRestores(store);
  const server = createServer(
    [
      dynamoDbService(store, dynamoActions, faults),
      faultAdminService(faults),
      lambdaService(options.dataDir),
      ssmService(options.dataDir),
    ],
    region,
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    port,
    region,
    env: {
      AWS_ENDPOINT_URL: endpoint,
      AWS_REGION: region,
      AWS_ACCESS_KEY_ID: 'sandbox',
      AWS_SECRET_ACCESS_KEY: 'sandbox',
    },
    clientConfig: { endpoint, region, credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' } },
    setFaults: (table, tableFaults) => faults.set(table, tableFaults),
    faultStats: (table) => faults.stats(table),
    setLatency: (latency) => faults.setLatency(latency),
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
      await dynalite.stop();
    },
  };
}
