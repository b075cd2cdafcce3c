import { InputError, type DrConfig, type RevertOptions, type RevertPreview } from '@dynamo-dr/core';

/** The revert flags of `dynamo-dr restore --mode revert`. */
export interface RevertFlags {
  readonly exportBucket?: string;
  readonly exportPrefix?: string;
  readonly until?: string;
  readonly onConflict?: string;
  readonly verify?: string;
  readonly executor?: string;
}

/** A revert's options from its flags and the configuration's defaults. */
export function revertOptionsOf(flags: RevertFlags, config: DrConfig | undefined): RevertOptions {
  const exportBucket = flags.exportBucket ?? config?.defaults?.exportBucket;
  if (exportBucket === undefined) {
    throw new InputError(
      '--export-bucket',
      null,
      'is required with --mode revert',
      'Name an existing S3 bucket for the incremental exports, e.g. --export-bucket dr-exports.',
    );
  }
  const exportPrefix = flags.exportPrefix ?? config?.defaults?.exportPrefix;
  const minSeconds = config?.defaults?.minExportPeriodSeconds;
  return {
    exportBucket,
    ...(exportPrefix !== undefined && { exportPrefix }),
    ...(flags.until !== undefined && { untilTime: flags.until }),
    ...(flags.onConflict !== undefined && { onConflict: flags.onConflict as RevertOptions['onConflict'] }),
    ...(flags.verify !== undefined && { verify: flags.verify as RevertOptions['verify'] }),
    ...(minSeconds !== undefined && { minExportPeriodMs: minSeconds * 1000 }),
  };
}

/** The revert flags given, by name: the bucket and prefix first (what a deployed revert machine has baked in). */
function givenRevertFlags(flags: RevertFlags): (readonly [string, string])[] {
  const all: (readonly [string, string | undefined])[] = [
    ['--export-bucket', flags.exportBucket],
    ['--export-prefix', flags.exportPrefix],
    ['--until', flags.until],
    ['--on-conflict', flags.onConflict],
    ['--verify', flags.verify],
  ];
  return all.filter((pair): pair is readonly [string, string] => pair[1] !== undefined);
}

/**
 * Refuses what a deployed revert machine has baked in: its exports' bucket and prefix are the configuration's
 * at deploy time (its worker may write there only).
 */
export function assertNoBakedRevertFlags(flags: RevertFlags, stackName: string): void {
  const [flag, value] = givenRevertFlags(flags).find(([name]) => name.startsWith('--export-')) ?? [];
  if (flag === undefined) return;
  throw new InputError(
    flag,
    value,
    `cannot change a revert on Step Functions: stack ${stackName}'s revert machines have it baked in`,
    'Change defaults.exportBucket / exportPrefix in the configuration and run dynamo-dr deploy, or use --executor in-process.',
  );
}

/** Flags that only a revert reads: refused with another mode rather than ignored. */
export function assertNoRevertFlags(flags: RevertFlags): void {
  const [flag, value] = givenRevertFlags(flags)[0] ?? [];
  if (flag === undefined) return;
  throw new InputError(flag, value, 'applies to --mode revert only', `Add --mode revert, or leave ${flag} out.`);
}

/** A revert's dry run as people read it. */
export function formatRevertPreview(incidentId: string, untilTime: string, previews: readonly RevertPreview[]): string {
  const lines = [`Dry run of incident ${incidentId}: revert the writes up to ${untilTime} (nothing written)`];
  for (const p of previews) {
    lines.push(
      `  ${p.tableName}: ${p.puts} put(s), ${p.deletes} delete(s), ${p.unchanged} unchanged, ${p.conflicts.length} conflict(s)`,
      ...p.sample.map((key) => `    e.g. ${JSON.stringify(key)}`),
      ...p.conflicts.map((key) => `    conflict ${JSON.stringify(key)}`),
    );
  }
  return lines.join('\n');
}
