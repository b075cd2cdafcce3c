/**
 * AWS's own figures that the RTO model (bench/rtoModel.ts) uses: documented limits and us-east-1 list prices.
 * None of them is measured here. Prices change: check the pricing pages before quoting a cost.
 */
export const AWS = {
  /** DynamoDB's sizes are binary: 1 GB = 2^30 bytes (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html). */
  gigabyte: 2 ** 30,
  /** On-demand table quota, read and write request units a second, by default (raisable). Same page. */
  tableUnitsPerSecond: 40_000,
  /**
   * A new on-demand table sustains up to 4,000 writes and 12,000 reads a second; more as its traffic grows, or
   * pre-warmed (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/pre-warming-on-demand-capacity-mode.html).
   */
  newTableWriteUnitsPerSecond: 4_000,
  newTableReadUnitsPerSecond: 12_000,
  /** Each partition serves at most 1,000 write and 3,000 read units a second (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/warm-throughput-scenarios.html). */
  partitionWriteUnitsPerSecond: 1_000,
  partitionReadUnitsPerSecond: 3_000,
  /** A partition holds up to 10 GB (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.Partitions.html). */
  partitionBytes: 10 * 2 ** 30,
  /**
   * One write unit per started KB of item; one read unit per started 4 KB, half for an eventually consistent
   * read; a Scan adds up the sizes of the items it reads before rounding
   * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html).
   */
  writeUnitBytes: 1024,
  readUnitBytes: 4096,
  eventuallyConsistentReadShare: 0.5,
  /** Largest item (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html). */
  itemBytesMax: 400 * 1024,
  /**
   * A PITR restore "usually takes less than an hour", takes at least 20 minutes whatever the table's size, and with
   * evenly spread data its time follows the largest partition by item count; skewed data and indexes make it
   * longer (https://repost.aws/knowledge-center/dynamodb-restore-taking-long).
   */
  pitrRestoreMinutes: { least: 20, usual: 60 },
  /** Child executions a Distributed Map runs at once, at most (https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html). */
  distributedMapChildren: 10_000,
  /** Concurrent Lambda executions per account and Region, by default (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html). */
  lambdaConcurrency: 1_000,
  /** A Lambda invocation runs 15 minutes at most (same page). */
  lambdaTimeoutSeconds: 900,
  /** Lambda gives one full vCPU at 1,769 MB (https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html). */
  lambdaMemoryGbPerVcpu: 1769 / 1024,
  /** Lambda x86, us-east-1: $0.0000166667 per GB-second and $0.20 per million requests (https://aws.amazon.com/lambda/pricing/). */
  lambdaGbSecondUsd: 0.0000166667,
  lambdaRequestUsd: 0.2 / 1e6,
  /**
   * Step Functions Standard, us-east-1: $0.025 per 1,000 state transitions (https://aws.amazon.com/step-functions/pricing/);
   * a Distributed Map is charged one transition per child execution it starts, and a Standard child execution's own
   * transitions like any Standard execution's (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-transitions.html).
   */
  stateTransitionUsd: 0.025 / 1000,
  /** DynamoDB on-demand, us-east-1: $0.625 per million write and $0.125 per million read request units (https://aws.amazon.com/dynamodb/pricing/on-demand/). */
  writeRequestUnitUsd: 0.625 / 1e6,
  readRequestUnitUsd: 0.125 / 1e6,
} as const;
