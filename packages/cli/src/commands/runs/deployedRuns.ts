import { listDeployedRuns, loadConfig, stepFunctionsClients, type DeployedRuns } from '@dynamo-dr/core';
import { runDocument, runSummary } from './formatRun.js';

/** The flags that find deployed stacks: the configuration, an environment, and where AWS is. */
export interface DeployedRunsFlags {
  readonly config?: string;
  readonly environment?: string;
  readonly region?: string;
  readonly profile?: string;
  readonly endpointUrl?: string;
}

/**
 * The runs of every deployed stack the configuration names (`deployment.stackName`; with `--environment`,
 * that environment's only): none without a configuration or a deployment.
 */
export async function deployedRuns(flags: DeployedRunsFlags): Promise<DeployedRuns[]> {
  const config = await loadConfig({ explicitPath: flags.config });
  const stackNames = Object.entries(config?.environments ?? {})
    .filter(([name, env]) => env.deployment && (flags.environment === undefined || name === flags.environment))
    .map(([, env]) => env.deployment!.stackName);
  if (stackNames.length === 0) return [];
  const clients = stepFunctionsClients({
    region: flags.region ?? config?.region,
    profile: flags.profile,
    endpoint: flags.endpointUrl,
  });
  return Promise.all(stackNames.map((stackName) => listDeployedRuns(clients, stackName)));
}

/** A stack's runs as `runs --json` prints them. */
export function deployedRunsDocument(stack: DeployedRuns): unknown {
  return { ...stack, runs: stack.runs.map(runDocument) };
}

/** A stack's runs and executions for the terminal. */
export function formatDeployedRuns(stack: DeployedRuns): string {
  const lines = [`Stack ${stack.stackName} (journal ${stack.journalTableName}):`];
  if (stack.runs.length === 0) lines.push('  no runs recorded');
  for (const run of stack.runs)
    lines.push(`  ${run.incidentId}  ${run.result.padEnd(9)} ${run.startedAt}  ${runSummary(run)}`);
  for (const lock of stack.locks) {
    lines.push(
      `  locked: ${lock.tableName} by incident ${lock.incidentId} (${lock.executionId}, since ${lock.acquiredAt})`,
    );
  }
  for (const e of stack.executions) {
    lines.push(`  execution ${e.name}  ${e.status.padEnd(9)} ${e.startDate ?? ''}  ${e.executionArn}`);
  }
  return lines.join('\n');
}
