import fs from 'node:fs';
import path from 'node:path';
import { DynaliteClient } from '../dynaliteClient.js';
import { startDynalite, type DynaliteProcess } from '../dynaliteProcess.js';
import { isRegionName } from '../regionName.js';
import type { S3Store } from '../s3/s3Store.js';
import { SandboxOptionError } from '../sandboxOptionError.js';
import { resumeRestores } from './restoreLoader.js';
import { DynamoStore, type DynamoTimings } from './store/dynamoStore.js';
import { resumeExports } from './transfers/exportProgress.js';
import { TransferStore } from './transfers/transferStore.js';

/** One Region's DynamoDB: its tables (a dynalite child of their own), the sandbox's state beside them, its exports. */
export interface RegionalDynamo {
  readonly region: string;
  /** Table instances, journals and backups; `store.dynalite` is the Region's engine. */
  readonly store: DynamoStore;
  /** The Region's exports and imports. */
  readonly transfers: TransferStore;
}

interface Started extends RegionalDynamo {
  readonly dynalite: DynaliteProcess;
}

export interface DynamoRegionsOptions {
  /** With a data directory, each Region persists under `{dataDir}/dynamodb/{region}/`; in memory without. */
  readonly dataDir?: string;
  readonly timings: DynamoTimings;
  /** Where exports write and imports read (S3's namespace is global). */
  readonly s3: S3Store;
}

/** Under a data directory: one folder per Region, each with dynalite's LevelDB and the sandbox's state. */
const REGIONS_DIR = 'dynamodb';

/**
 * DynamoDB per AWS Region, as on AWS: tables, journals, backups, exports and imports of one Region are
 * invisible from another, and same-named tables in two Regions are two tables. Each Region gets its own
 * dynalite child, so every request (also the ones forwarded unparsed) reaches the right tables without any
 * rewriting of names. The default Region and every Region a data directory holds start with the sandbox
 * (their unfinished restores and exports resume); any other Region starts at its first request.
 * Every child exits with the sandbox, however it ends (see dynaliteProcess.ts).
 */
export class DynamoRegions {
  private readonly regions = new Map<string, Promise<Started>>();
  private closing: Promise<void> | undefined;
  private crash!: (error: Error) => void;
  /** Settles with the reason when any Region's dynalite child dies while the sandbox runs. */
  readonly crashed = new Promise<Error>((resolve) => (this.crash = resolve));

  private constructor(private readonly options: DynamoRegionsOptions) {}

  /**
   * Starts the default Region and the Regions `dataDir` holds. A data directory from a sandbox that kept one
   * DynamoDB for all Regions (`dynalite/` and `sandbox/` at its top) becomes `defaultRegion`'s.
   */
  static async open(options: DynamoRegionsOptions, defaultRegion: string): Promise<DynamoRegions> {
    const regions = new DynamoRegions(options);
    const persisted = options.dataDir ? persistedRegions(options.dataDir, defaultRegion) : [];
    try {
      await Promise.all([...new Set([defaultRegion, ...persisted])].map((region) => regions.get(region)));
    } catch (error) {
      await regions.close();
      throw error;
    }
    return regions;
  }

  /** The Region's DynamoDB, started on first use. */
  get(region: string): Promise<RegionalDynamo> {
    if (this.closing) return Promise.reject(new Error(`the sandbox is stopping: Region ${region} is not started`));
    let started = this.regions.get(region);
    if (!started) {
      started = this.start(region);
      // A Region that failed to start is tried again by its next request.
      started.catch(() => this.regions.delete(region));
      this.regions.set(region, started);
    }
    return started;
  }

  /**
   * The Region's DynamoDB if it has any: running, or kept in the data directory. Undefined for a Region no request
   * ever reached (it holds no table, backup or export), without starting anything for it.
   */
  async existing(region: string): Promise<RegionalDynamo | undefined> {
    if (this.regions.has(region)) return this.get(region);
    const dir = this.regionDir(region);
    return dir !== undefined && fs.existsSync(dir) ? this.get(region) : undefined;
  }

  /** Stops every Region: background work ends, journals are flushed, dynalite children stop. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      const started = await Promise.allSettled(this.regions.values());
      await Promise.all(
        started.map(async (outcome) => {
          if (outcome.status === 'rejected') return;
          const { transfers, store, dynalite } = outcome.value;
          transfers.close();
          await store.close();
          await dynalite.stop();
        }),
      );
    })();
    return this.closing;
  }

  private async start(region: string): Promise<Started> {
    const dir = this.regionDir(region);
    const dynalite = await startDynalite({ path: dir && path.join(dir, 'dynalite') });
    void dynalite.crashed.then(this.crash);
    try {
      const store = DynamoStore.open(
        new DynaliteClient(dynalite.endpoint),
        this.options.timings,
        dir && path.join(dir, 'sandbox'),
      );
      const transfers = new TransferStore(dir && path.join(dir, 'sandbox', 'transfers.json'));
      resumeRestores(store);
      resumeExports(this.options.s3, transfers);
      return { region, store, transfers, dynalite };
    } catch (error) {
      await dynalite.stop();
      throw error;
    }
  }

  private regionDir(region: string): string | undefined {
    // Only Region names reach here (server.ts refuses others), so the name is safe as a folder name.
    if (!isRegionName(region)) throw new Error(`not a Region name: ${region}`);
    return this.options.dataDir && path.join(this.options.dataDir, REGIONS_DIR, region);
  }
}

/**
 * The Regions a data directory holds, after moving an older single-DynamoDB layout (`dynalite/`, `sandbox/`) into
 * `dynamodb/{defaultRegion}/`: one rename each, so a start killed half-way finishes the move at the next start.
 */
function persistedRegions(dataDir: string, defaultRegion: string): string[] {
  const regionsDir = path.join(dataDir, REGIONS_DIR);
  for (const legacy of ['dynalite', 'sandbox']) {
    const from = path.join(dataDir, legacy);
    if (!fs.existsSync(from)) continue;
    const to = path.join(regionsDir, defaultRegion, legacy);
    if (fs.existsSync(to)) {
      throw new SandboxOptionError(
        'dataDir',
        dataDir,
        `holds DynamoDB state both in ${from} (a sandbox before Regions) and in ${to}`,
        `Remove one of them, or give another directory.`,
      );
    }
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.renameSync(from, to);
  }
  if (!fs.existsSync(regionsDir)) return [];
  return fs.readdirSync(regionsDir).filter((name) => isRegionName(name));
}
