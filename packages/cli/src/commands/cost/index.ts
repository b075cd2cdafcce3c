import {
  clientRegion,
  createDynamoDbClient,
  formatUsd,
  loadConfig,
  parseDecimal,
  requireConfig,
  runCostEstimate,
} from '@dynamo-dr/core';
import { ExitError } from '../../exitError.js';
import { formatCostReport } from './formatCostReport.js';
import type { CostCommandOptions } from './register.js';

/** `dynamo-dr cost`: exit 1 when the monthly estimate is over `--budget`, 2 on bad input. */
export async function cost(opts: CostCommandOptions): Promise<void> {
  const budgetUsd =
    opts.budget === undefined ? undefined : parseDecimal('--budget', opts.budget, { min: 0, max: 1e9, example: '20' });
  const growthRatePercent = parseDecimal('--growth-rate', opts.growthRate ?? '0', {
    min: -100,
    max: 1000,
    example: '5',
  });
  const config = requireConfig(await loadConfig({ explicitPath: opts.config }));
  const dynamodb = createDynamoDbClient({ region: opts.region, profile: opts.profile, endpoint: opts.endpointUrl });
  // The prices are the region's: the one the client resolved, as the AWS CLI resolves it.
  const region = await clientRegion(dynamodb);
  const report = await runCostEstimate(dynamodb, {
    config,
    environment: opts.environment,
    region,
    budgetUsd,
    growthRatePercent,
  });
  if (opts.json) console.log(JSON.stringify(report, null, 2));
  else console.error(formatCostReport(report));
  if (report.budget?.overNow) {
    throw new ExitError(
      1,
      `Over budget: backups cost ${formatUsd(report.monthly.totalUsd)} a month, the budget is ${formatUsd(report.budget.monthlyUsd)}.`,
    );
  }
}
