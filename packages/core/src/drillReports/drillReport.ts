import { Ajv } from 'ajv';

/** The `format` every drill report carries, and the version of its schema this code reads and writes. */
export const DRILL_REPORT_FORMAT = 'dynamo-dr.drill-report';
export const DRILL_REPORT_VERSION = 1;

/** How a drill recovered the table, as the runbook does it (see docs/drills.md). */
export const DRILL_SCENARIOS = ['restore-as', 'in-place', 'items', 'export'] as const;
export type DrillScenario = (typeof DRILL_SCENARIOS)[number];

/**
 * What one recovery drill did and measured: written by `dynamo-dr drill` as
 * `docs/ops/recovery-tests/YYYY-MM-DD-<environment>-<table>.json` locally and to the drill bucket on AWS; read by
 * `dynamo-dr check` and the monitor (LastDrillAgeDays is the age of a table's latest report with outcome
 * `passed`). A stable contract, versioned: a reader refuses a version it does not know.
 */
export interface DrillReport {
  readonly format: typeof DRILL_REPORT_FORMAT;
  readonly version: typeof DRILL_REPORT_VERSION;
  /** The drill's run id in the journal. */
  readonly drillId: string;
  readonly environment: string;
  /** The physical name of the table drilled. */
  readonly tableName: string;
  readonly scenario: DrillScenario;
  readonly region: string;
  /** The region restored into, for a cross-region drill. */
  readonly targetRegion?: string;
  /** ISO 8601 (UTC): when the drill started and finished. */
  readonly startedAt: string;
  readonly finishedAt: string;
  /** The point in time the table was recovered to. */
  readonly pointInTime: string;
  /** `passed` only when every verification held and the targets were met. */
  readonly outcome: 'passed' | 'failed';
  /** Why it failed, one sentence each (empty when it passed). */
  readonly failures: readonly string[];
  readonly measurements: {
    /** Recovery time: the whole drill and each phase (`restore`, `sync`, `verify`, …). */
    readonly rtoSeconds: { readonly total: number; readonly phases: Readonly<Record<string, number>> };
    /** Recovery point: how far the latest restorable time trailed the start, and the restore's granularity. */
    readonly rpoSeconds: { readonly latestRestorableLag: number; readonly granularity: number };
  };
  readonly targets: { readonly rtoMinutes: number; readonly rpoMinutes: number };
  readonly verification: {
    /** Canary items written with known content: how many came back as they were at the point in time. */
    readonly canaries: {
      readonly expected: number;
      readonly matched: number;
      readonly mismatches: readonly { readonly key: string; readonly problem: string }[];
    };
    /** The recovered table's content digest against the source's at the point in time. */
    readonly digest?: { readonly expected: string; readonly actual: string };
    readonly indexesQueryable?: boolean;
  };
  /** Filled in by the team after the drill. */
  readonly lessonsLearned: string;
  /** The version of @dynamo-dr/core that wrote the report. */
  readonly toolVersion: string;
}

const isoTime = {
  type: 'string',
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$',
};
const seconds = { type: 'number', minimum: 0 };
const minutes = { type: 'number', exclusiveMinimum: 0 };

/** JSON Schema of {@link DrillReport}, version 1 (checked with Ajv, as the configuration is). */
export const drillReportJsonSchema = {
  type: 'object',
  required: [
    'format',
    'version',
    'drillId',
    'environment',
    'tableName',
    'scenario',
    'region',
    'startedAt',
    'finishedAt',
    'pointInTime',
    'outcome',
    'failures',
    'measurements',
    'targets',
    'verification',
    'lessonsLearned',
    'toolVersion',
  ],
  additionalProperties: false,
  properties: {
    format: { const: DRILL_REPORT_FORMAT },
    version: { const: DRILL_REPORT_VERSION },
    drillId: { type: 'string', minLength: 1, maxLength: 128 },
    environment: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
    tableName: { type: 'string', pattern: '^[a-zA-Z0-9_.-]{3,255}$' },
    scenario: { enum: DRILL_SCENARIOS },
    region: { type: 'string', minLength: 1, maxLength: 63 },
    targetRegion: { type: 'string', minLength: 1, maxLength: 63 },
    startedAt: isoTime,
    finishedAt: isoTime,
    pointInTime: isoTime,
    outcome: { enum: ['passed', 'failed'] },
    failures: { type: 'array', items: { type: 'string' } },
    measurements: {
      type: 'object',
      required: ['rtoSeconds', 'rpoSeconds'],
      additionalProperties: false,
      properties: {
        rtoSeconds: {
          type: 'object',
          required: ['total', 'phases'],
          additionalProperties: false,
          properties: { total: seconds, phases: { type: 'object', additionalProperties: seconds } },
        },
        rpoSeconds: {
          type: 'object',
          required: ['latestRestorableLag', 'granularity'],
          additionalProperties: false,
          properties: { latestRestorableLag: seconds, granularity: seconds },
        },
      },
    },
    targets: {
      type: 'object',
      required: ['rtoMinutes', 'rpoMinutes'],
      additionalProperties: false,
      properties: { rtoMinutes: minutes, rpoMinutes: minutes },
    },
    verification: {
      type: 'object',
      required: ['canaries'],
      additionalProperties: false,
      properties: {
        canaries: {
          type: 'object',
          required: ['expected', 'matched', 'mismatches'],
          additionalProperties: false,
          properties: {
            expected: { type: 'integer', minimum: 0 },
            matched: { type: 'integer', minimum: 0 },
            mismatches: {
              type: 'array',
              items: {
                type: 'object',
                required: ['key', 'problem'],
                additionalProperties: false,
                properties: { key: { type: 'string' }, problem: { type: 'string' } },
              },
            },
          },
        },
        digest: {
          type: 'object',
          required: ['expected', 'actual'],
          additionalProperties: false,
          properties: { expected: { type: 'string' }, actual: { type: 'string' } },
        },
        indexesQueryable: { type: 'boolean' },
      },
    },
    lessonsLearned: { type: 'string' },
    toolVersion: { type: 'string' },
  },
} as const;

const validate = new Ajv({ allErrors: false }).compile<DrillReport>(drillReportJsonSchema);

/**
 * The drill report a JSON text holds, or what is wrong with it (a reader skips such a file and says why).
 *
 * @example
 * const parsed = parseDrillReport(await readFile(file, 'utf8'));
 * if ('problem' in parsed) console.error(`${file}: ${parsed.problem}`);
 */
export function parseDrillReport(text: string): DrillReport | { readonly problem: string } {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return { problem: `is not JSON (${(error as Error).message})` };
  }
  const version = (document as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version !== DRILL_REPORT_VERSION) {
    return { problem: `has version ${version}; this dynamo-dr reads version ${DRILL_REPORT_VERSION} (upgrade it)` };
  }
  if (validate(document)) return document;
  const first = validate.errors?.[0];
  return { problem: `is not a drill report: ${first?.instancePath || '/'} ${first?.message ?? 'is invalid'}` };
}

/**
 * The file (and S3 object) name of a report: `YYYY-MM-DD-<environment>-<table>.json`, the date the drill started
 * (UTC). Environment and table names cannot hold a `/`, so the name is one path component.
 *
 * @example
 * drillReportFileName(report); // '2026-11-03-Prod-Prod-Orders.json'
 */
export function drillReportFileName(report: Pick<DrillReport, 'startedAt' | 'environment' | 'tableName'>): string {
  return `${new Date(report.startedAt).toISOString().slice(0, 10)}-${report.environment}-${report.tableName}.json`;
}
