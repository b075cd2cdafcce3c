import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { assertDataDirectory, lockDataDirectory } from './dataDirectory.js';
import { dynamoDbService } from './dynamodb/service.js';
import { dynamoActions } from './dynamodb/actions.js';
import { DynamoRegions } from './dynamodb/dynamoRegions.js';
import { SandboxOptionError } from './sandboxOptionError.js';
import { createServer, type SandboxService } from './server.js';
import { FaultMiddleware } from './faults/faultMiddleware.js';
import { faultAdminService } from './faults/adminService.js';
import type { LatencyFaults } from './faults/latencyFaults.js';
import type { TableFaults, TableFaultStats } from './faults/tableFaults.js';
import { lambdaService } from './lambda/service.js';
import { ssmService } from './ssm/service.js';
import { s3Service } from './s3/s3Service.js';
import { S3Store } from './s3/s3Store.js';
import { startMonitoring } from './monitoring.js';
import type { SnsMessage } from './sns/snsStore.js';
import { iamAuthorizer } from './iam/authorizeRequest.js';
import { IamStore } from './iam/iamStore.js';
import { RoleSessions } from './iam/roleSessions.js';
import { iamService, iamStateFile } from './iam/service.js';
import { stsService, stsStateFile } from './sts/service.js';
import { checkNodeBinaries } from './lambda/runtime/runtimes.js';
import { isRegionName } from './regionName.js';
import { cloudFormationService } from './cloudformation/service.js';
import { assetSource, checkAssetDirectories } from './cloudformation/resources/assetSource.js';
import { checkAlarmEvaluationMs } from './cloudwatch/alarmEvaluator.js';
import { roleCredentials } from './stepfunctions/engine/roleCredentials.js';
import { sandboxTaskClients } from './stepfunctions/engine/taskClients.js';
import { checkTimeScale, stepFunctionsService, type StepFunctionsService } from './stepfunctions/service.js';

export interface SandboxOptions {
  /** Port on 127.0.0.1. @default 0 (any free port) */
  readonly port?: number;
  /** Directory where tables, journal and backups persist across restarts. @default in memory */
  readonly dataDir?: string;
  /** Region used when a request is not signed for one (an AWS Region name). @default 'us-east-1' */
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
  /** How long an ExportTableToPointInTime stays IN_PROGRESS before COMPLETED. @default 100 */
  readonly exportMs?: number;
  /**
   * The shortest incremental export period ExportTableToPointInTime accepts.
   * AWS's is 15 minutes (900000); tests lower it, as they lower the restorable lag.
   * @default 900000
   */
  readonly minIncrementalExportPeriodMs?: number;
  /**
   * How long one day of a table's PITR recovery period (RecoveryPeriodInDays, 1–35) lasts. Tests shorten it to see
   * the restorable window's start move and the journal folded to it, as they shorten the other timings.
   * @default 86400000
   */
  readonly pitrDayMs?: number;
  /** Faults to inject per table name (see docs/sandbox-faults.md). @default none */
  readonly faults?: Readonly<Record<string, TableFaults>>;
  /**
   * How often CloudWatch alarms are evaluated (AWS: about every minute); tests make it short.
   * @default 60000
   */
  readonly alarmEvaluationMs?: number;
  /**
   * The node binary that runs functions of a runtime, e.g. `{ 'nodejs22.x': '/opt/node22/bin/node' }`
   * (an absolute path). Node.js runtimes not named run on the sandbox's own node. @default {}
   */
  readonly nodeBinaries?: Readonly<Record<string, string>>;
  /** Lambda execution environments (child processes) at most, across all functions. @default 8 */
  readonly maxLambdaEnvironments?: number;
  /**
   * State machines' Wait states and Retry pauses last this many times their
   * duration (e.g. 0.01 turns a 60 s wait into 0.6 s). @default 1
   */
  readonly stepFunctionsTimeScale?: number;
  /**
   * CDK synth output directories (`cdk.out`) where CloudFormation finds the Lambda code a template
   * names by `Code.S3Bucket`/`S3Key` (asset `{hash}.zip`) when the sandbox's S3 does not hold it. @default none
   */
  readonly assetDirectories?: readonly string[];
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
  /**
   * Settles with the reason if the sandbox can no longer serve DynamoDB: a Region's dynalite child died. It is then
   * stopped (its port closed) and `stop()` has nothing left to do. Never settles while it serves or after `stop()`.
   */
  readonly failed: Promise<Error>;
  stop(): Promise<void>;
  /** Sets a table's faults (restarting its counters), or clears them with `undefined`. Throws FaultConfigError. */
  setFaults(table: string, faults: TableFaults | undefined): void;
  /** What fault injection did to a table since its faults were set; `undefined` if it has none. */
  faultStats(table: string): TableFaultStats | undefined;
  /** Every message an SNS topic received (alarm notifications, rule targets, Publish), oldest first. */
  snsMessages(topicArn: string): readonly SnsMessage[];
  /** Evaluates every CloudWatch alarm now, as the timer does; each alarm's name and state afterwards. */
  evaluateAlarms(): { AlarmName: string; StateValue: string }[];
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
  if (options.pitrDayMs !== undefined && !(options.pitrDayMs > 0 && Number.isFinite(options.pitrDayMs))) {
    throw new SandboxOptionError(
      'pitrDayMs',
      options.pitrDayMs,
      'is not a positive duration in milliseconds',
      'Give how long one day of the recovery period lasts, e.g. 86400000 (a real day).',
    );
  }
  if (!isRegionName(region)) {
    throw new SandboxOptionError('region', region, 'is not an AWS Region name', 'Give one such as us-east-1.');
  }
  const faults = new FaultMiddleware(options.faults, options.latency); // validates before anything starts
  if (options.dataDir !== undefined) assertDataDirectory(options.dataDir);
  checkNodeBinaries(options.nodeBinaries ?? {});
  checkTimeScale(options.stepFunctionsTimeScale);
  checkAssetDirectories(options.assetDirectories ?? []);
  checkAlarmEvaluationMs(options.alarmEvaluationMs);
  let endpoint = '';
  const iam = new IamStore(iamStateFile(options.dataDir));
  const sessions = new RoleSessions(stsStateFile(options.dataDir));
  // The port is taken first: a port in use is refused before any child process or file exists.
  // Requests that come before the services are ready wait for them.
  let ready!: (services: readonly SandboxService[]) => void;
  const server = createServer(
    new Promise<readonly SandboxService[]>((resolve) => (ready = resolve)),
    region,
    iamAuthorizer(iam, sessions),
  );
  const port = await listen(server, options.port ?? 0);
  let unlock: (() => void) | undefined;
  let dynamodb: DynamoRegions | undefined;
  let s3: S3Store | undefined;
  let monitoring: ReturnType<typeof startMonitoring> | undefined;
  let services: readonly SandboxService[] = [];
  let stepFunctions: StepFunctionsService | undefined;
  try {
    unlock = options.dataDir === undefined ? undefined : lockDataDirectory(options.dataDir);
    // Task states call the sandbox itself, signed with the machine's role's credentials.
    stepFunctions = stepFunctionsService({
      dataDir: options.dataDir,
      clients: sandboxTaskClients(() => endpoint, roleCredentials(iam, sessions)),
      timeScale: options.stepFunctionsTimeScale,
    });
    s3 = new S3Store(options.dataDir ? `${options.dataDir}/s3` : undefined);
    const timings = {
      latestRestorableLagMs: options.latestRestorableLagMs ?? 0,
      restoreBaseMs: options.restoreBaseMs ?? 100,
      restorePerItemMs: options.restorePerItemMs ?? 0,
      backupCreateMs: options.backupCreateMs ?? 100,
      exportMs: options.exportMs ?? 100,
      minIncrementalExportPeriodMs: options.minIncrementalExportPeriodMs ?? 15 * 60_000,
      pitrDayMs: options.pitrDayMs ?? 86_400_000,
    };
    dynamodb = await DynamoRegions.open({ dataDir: options.dataDir, timings, s3 }, region);
    monitoring = startMonitoring({
      dataDir: options.dataDir,
      alarmEvaluationMs: options.alarmEvaluationMs ?? 60_000,
    });
    const objects = s3;
    services = [
      monitoring.recordCloudTrail(dynamoDbService(dynamodb, dynamoActions, s3, faults)),
      ...monitoring.services,
      faultAdminService(faults),
      lambdaService({
        dataDir: options.dataDir,
        iam,
        sessions,
        nodeBinaries: options.nodeBinaries,
        maxEnvironments: options.maxLambdaEnvironments,
        endpoint: () => endpoint,
        codeObjects: { get: async (bucket, key) => objects.body(bucket, key) },
      }),
      ssmService(options.dataDir),
      s3Service(s3),
      iamService(iam),
      stsService(iam, sessions),
      stepFunctions,
      cloudFormationService({
        dataDir: options.dataDir,
        // Stack operations sign as the operator, who may do anything.
        clientConfig: () => ({ endpoint, region, credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' } }),
        assets: assetSource(options.assetDirectories ?? []),
      }),
    ];
    ready(services);
  } catch (error) {
    await stepFunctions?.close();
    await close(server); // with the connections of any request still waiting
    monitoring?.stop();
    await dynamodb?.close();
    unlock?.();
    throw error;
  }
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      monitoring!.stop();
      await close(server);
      await Promise.all(services.map((s) => s.close?.()));
      await dynamodb!.close();
      unlock?.();
    })());
  const failed = dynamodb.crashed.then(async (error) => {
    await stop();
    return error;
  });
  endpoint = `http://127.0.0.1:${port}`;
  const credentials = { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' };
  return {
    endpoint,
    port,
    region,
    env: {
      AWS_ENDPOINT_URL: endpoint,
      AWS_REGION: region,
      // The AWS CLI v1 and boto3 read only this one (https://docs.aws.amazon.com/cli/v1/userguide/cli-configure-envvars.html).
      AWS_DEFAULT_REGION: region,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    },
    clientConfig: { endpoint, region, credentials },
    setFaults: (table, tableFaults) => faults.set(table, tableFaults),
    faultStats: (table) => faults.stats(table),
    snsMessages: (topicArn) => monitoring!.snsMessages(topicArn),
    evaluateAlarms: () => monitoring!.evaluateAlarms(),
    failed,
    stop,
    setLatency: (latency) => faults.setLatency(latency),
  };
}

/** Listens on 127.0.0.1:`port` and returns the port taken; a port that cannot be had is a {@link SandboxOptionError}. */
async function listen(server: http.Server, port: number): Promise<number> {
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new SandboxOptionError('port', port, 'is not a TCP port', 'Give a whole number from 0 to 65535.');
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') {
      throw new SandboxOptionError(
        'port',
        port,
        'is in use by another process',
        `Stop what listens on 127.0.0.1:${port}, or give another port (0 takes any free one).`,
      );
    }
    if (error.code === 'EACCES') {
      throw new SandboxOptionError(
        'port',
        port,
        'needs privileges this user lacks (ports below 1024 usually do)',
        'Give a port from 1024 to 65535, or 0 for any free one.',
      );
    }
    throw error;
  });
  return (server.address() as AddressInfo).port;
}

function close(server: http.Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
