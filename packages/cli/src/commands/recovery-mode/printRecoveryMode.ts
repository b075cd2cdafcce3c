import { describeChange, type RecoveryModeOutcome, type RecoveryModeStatus } from '@dynamo-dr/core';

/** `start` or `end` in words, for stderr. */
export function formatOutcome(outcome: RecoveryModeOutcome): string {
  const lines: string[] = [];
  const where = `state in SSM parameter ${outcome.stateParameter}`;
  if (outcome.dryRun) lines.push(`Dry run: nothing was changed. ${outcome.action} would make these changes:`);
  else if (outcome.action === 'start') {
    lines.push(
      outcome.alreadyStarted
        ? `${outcome.environment} was already in recovery mode (since ${outcome.since}, by ${outcome.by}); its saved state is kept (${where}).`
        : `${outcome.environment} is in recovery mode since ${outcome.since}, by ${outcome.by} (${where}).`,
    );
  } else {
    lines.push(
      outcome.stateCleared
        ? `${outcome.environment} is out of recovery mode (it was held since ${outcome.since}, by ${outcome.by}); saved state deleted.`
        : `${outcome.environment} is still in recovery mode (${where}): some settings could not be given back.`,
    );
  }
  if (outcome.added.length) lines.push(`  appeared since, now saved and held too: ${outcome.added.join(', ')}`);
  const failed = new Set(outcome.failures.map((f) => f.change));
  const made = outcome.changes.filter((c) => !failed.has(c));
  for (const change of made) lines.push(`  ${describeChange(change)}`);
  if (!made.length) lines.push('  no change needed');
  if (outcome.unchanged.length) lines.push(`  already as wanted: ${outcome.unchanged.join(', ')}`);
  if (outcome.gone.length) lines.push(`  no longer exist (skipped): ${outcome.gone.join(', ')}`);
  if (outcome.recoveryFunctions.length) {
    lines.push(`  left running (recovery functions): ${outcome.recoveryFunctions.join(', ')}`);
  }
  if (outcome.failures.length) {
    lines.push('Failed:');
    for (const f of outcome.failures) lines.push(`  ${describeChange(f.change)}: ${f.error}`);
  }
  return lines.join('\n');
}

/** `status` in words, for stderr. */
export function formatStatus(status: RecoveryModeStatus): string {
  if (!status.inRecoveryMode) {
    return `${status.environment} is not in recovery mode (no saved state in SSM parameter ${status.stateParameter}).`;
  }
  const show = (v: number | null | 'gone') => (v === null ? 'none' : String(v));
  const lines = [
    `${status.environment} is in recovery mode since ${status.since}, by ${status.by} (state in SSM parameter ${status.stateParameter}).`,
  ];
  if (!status.complete) {
    lines.push(
      `INCOMPLETE: some are not held. Run \`dynamo-dr recovery-mode start --environment ${status.environment}\` again.`,
    );
  }
  for (const name of status.appearedSinceStart) lines.push(`  ${name}: NOT HELD (appeared after start)`);
  for (const f of status.functions) {
    const state = f.current === 'gone' ? 'gone' : f.held ? 'held' : 'NOT HELD';
    lines.push(`  function ${f.name}: ${state}, reserved concurrency ${show(f.current)} (before: ${show(f.saved)})`);
  }
  for (const m of status.mappings) {
    const state = m.currentState === 'gone' ? 'gone' : m.held ? 'held' : 'NOT HELD';
    lines.push(
      `  mapping ${m.uuid} (${m.functionName} <- ${m.eventSourceArn}): ${state}, ${m.currentState} (before: ${m.savedEnabled ? 'enabled' : 'disabled'})`,
    );
  }
  return lines.join('\n');
}
